import { serve, type ServerType } from '@hono/node-server'
import { execFile } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

const run = promisify(execFile)
const BOX = [121.54, 29.87, 121.57, 29.9] as const

async function countPlaces(where = sql<boolean>`true`) {
  const { db } = await testDatabase()
  const r = await db.selectFrom('place').where('deleted_at', 'is', null).where(where).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}
const inBox = sql<boolean>`ST_X(location::geometry) BETWEEN ${BOX[0]} AND ${BOX[2]} AND ST_Y(location::geometry) BETWEEN ${BOX[1]} AND ${BOX[3]}`

interface Link {
  rel: string
  href: string
  type: string
}
/** The members of the OGC documents these tests read (each response has some of them). */
interface OgcBody {
  type: string
  id: string
  links: Link[]
  conformsTo: string[]
  extent: { spatial: { bbox: number[][] } }
  features: Array<{ id: string; properties: { category: string } }>
  numberMatched: number
  numberReturned: number
}

async function getJson(path: string) {
  const res = await (await testApp()).request(path)
  return { res, body: await res.json<OgcBody>() }
}

describe('OGC API – Features (JSON)', () => {
  it('links the landing page to conformance, collections and the API definition', async () => {
    const { res, body } = await getJson('http://example.test/ogc')
    expect(res.headers.get('content-type')).toBe('application/json')
    const rels = Object.fromEntries(body.links.map((l: { rel: string; href: string }) => [l.rel, l.href]))
    expect(rels).toMatchObject({ self: 'http://example.test/ogc', conformance: 'http://example.test/ogc/conformance', data: 'http://example.test/ogc/collections', 'service-desc': 'http://example.test/api/openapi.json' })
    const { body: conf } = await getJson('/ogc/conformance')
    expect(conf.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core')
  })

  it('gives the places collection a spatial extent computed from the data', async () => {
    const { body } = await getJson('/ogc/collections/places')
    const { db } = await testDatabase()
    const { rows } = await sql<{ x1: number; y2: number }>`SELECT min(ST_X(location::geometry)) AS x1, max(ST_Y(location::geometry)) AS y2 FROM place WHERE deleted_at IS NULL`.execute(db)
    const [minLng, , , maxLat] = body.extent.spatial.bbox[0]!
    expect(minLng).toBeCloseTo(rows[0]!.x1, 6)
    expect(maxLat).toBeCloseTo(rows[0]!.y2, 6)
    expect(body.links.find((l) => l.rel === 'items')!.type).toBe('application/geo+json')
  })

  it('pages items by offset with next and prev links and counts', async () => {
    const { res, body } = await getJson('/ogc/collections/places/items?limit=5&offset=5')
    expect(res.headers.get('content-type')).toBe('application/geo+json')
    expect(body).toMatchObject({ type: 'FeatureCollection', numberReturned: 5, numberMatched: await countPlaces() })
    const next = new URL(body.links.find((l) => l.rel === 'next')!.href)
    expect(next.searchParams.get('offset')).toBe('10')
    expect(new URL(body.links.find((l) => l.rel === 'prev')!.href).searchParams.get('offset')).toBe('0')
    const { body: first } = await getJson('/ogc/collections/places/items?limit=5')
    expect(first.links.some((l: { rel: string }) => l.rel === 'prev')).toBe(false)
    expect(first.features.map((f: { id: string }) => f.id)).not.toContain(body.features[0]!.id)
  })

  it('filters by bbox and by category', async () => {
    const { body } = await getJson(`/ogc/collections/places/items?limit=1000&bbox=${BOX.join(',')}&category=clinic`)
    expect(body.numberMatched).toBe(await countPlaces(sql<boolean>`${inBox} AND category = 'clinic'`))
    expect(body.features.every((f: { properties: { category: string } }) => f.properties.category === 'clinic')).toBe(true)
  })

  it('answers one feature, and 404 or 400 as problem documents', async () => {
    const { body: page } = await getJson('/ogc/collections/places/items?limit=1')
    const { res, body } = await getJson(`/ogc/collections/places/items/${page.features[0]!.id}`)
    expect(res.headers.get('content-type')).toBe('application/geo+json')
    expect(body.id).toBe(page.features[0]!.id)
    for (const [path, status] of [['/ogc/collections/places/items/nope', 404], ['/ogc/collections/roads/items', 404], ['/ogc/collections/places/items?limit=0', 400], ['/ogc/collections/places/items?bbox=1,2,3', 400], ['/ogc/collections/places/items?datetime=2026', 400]] as const) {
      const { res: r } = await getJson(path)
      expect(r.status, path).toBe(status)
      expect(r.headers.get('content-type'), path).toContain('application/problem+json')
    }
  })
})

describe('OGC API – Features read by GDAL (ogrinfo)', () => {
  let server: ServerType
  let base = ''
  beforeAll(async () => {
    const { db } = await testDatabase()
    server = serve({ fetch: createApp({ db }).fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    base = `OAPIF:http://127.0.0.1:${(server.address() as AddressInfo).port}/ogc`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  // Async execFile: the server answers GDAL from this same process, so the event loop must stay free.
  const ogrinfo = async (...args: string[]) => (await run('ogrinfo', ['-ro', '-al', ...args, base, 'places'], { timeout: 60_000 })).stdout

  it('lists the layer with its feature count and attributes', async () => {
    const out = await ogrinfo('-so')
    expect(out).toContain('Geometry: Point')
    expect(out).toContain(`Feature Count: ${await countPlaces()}`)
    for (const field of ['name_zh: String', 'category: String', 'amenities: String', 'opening_hours: String']) expect(out).toContain(field)
  })

  it('reads every feature across pages with its attributes', async () => {
    const out = await ogrinfo('-q')
    expect(out.match(/^OGRFeature\(places\)/gm)).toHaveLength(await countPlaces())
    expect(out).toMatch(/name_zh \(String\) = .*爱心驿站/)
    expect(out).toMatch(/POINT \(121\.\d+ 29\.\d+\)/)
  })

  it('filters by bbox on the server', async () => {
    const out = await ogrinfo('-q', '-spat', ...BOX.map(String))
    const expected = await countPlaces(inBox)
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(await countPlaces())
    expect(out.match(/^OGRFeature\(places\)/gm)).toHaveLength(expected)
  })
})
