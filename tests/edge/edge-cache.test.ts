import { sql, type KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.js'
import { readDataVersion } from '../../api/queries/data-version.js'
import { startWranglerDev, type WranglerDev } from '../../scripts/wrangler-dev.js'
import { createPlace } from '../helpers/fixtures.js'
import { memoryCache } from '../helpers/memory-cache.js'
import { createStaff, createTestPlace, jsonRequest, ORG_WAITAN, PASSWORD, signIn } from '../helpers/staff.js'
import { startTcpProxy } from '../helpers/tcp-proxy.js'
import { shanghai, testDatabase, testDatabaseUrl } from '../helpers/test-db.js'

interface Collection {
  features: { id: string; properties: { name_zh: string } }[]
}
const NEAR = (id: string) => `/api/v1/places/${id}`

/** The app with an in-memory shared cache, a clock the test moves, and a count of the queries that reached the database. */
async function cachedApp(versionTtlSeconds = 5) {
  let time = shanghai('2026-11-25T10:00').getTime() + 10_000
  const cache = memoryCache(() => time)
  const queries: string[] = []
  const counting: KyselyPlugin = {
    transformQuery: (args) => (queries.push(args.node.kind), args.node),
    transformResult: (args) => Promise.resolve(args.result),
  }
  const db = (await testDatabase()).db.withPlugin(counting)
  const app = createApp({ db, clock: () => new Date(time), edgeCache: { store: cache.store, versionTtlSeconds } })
  return { app, cache, queries, advance: (ms: number) => (time += ms) }
}

describe('edge cache (the app with a shared cache injected)', () => {
  it('answers the second identical request from the cache, without a query, in any parameter order', async () => {
    const { app, queries } = await cachedApp()
    const first = await app.request('/api/v1/places?lat=29.884&lng=121.556&amenity=drinking_water&limit=5')
    expect(first.status).toBe(200)
    expect(first.headers.get('X-Cache')).toBe('MISS')
    const body = await first.text()
    queries.length = 0
    const second = await app.request('/api/v1/places?limit=5&amenity=drinking_water&lng=121.556&lat=29.884')
    expect(second.headers.get('X-Cache')).toBe('HIT')
    expect(await second.text()).toBe(body)
    expect(queries).toEqual([])
    expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'))
    const revalidated = await app.request('/api/v1/places?lat=29.884&lng=121.556&amenity=drinking_water&limit=5', {
      headers: { 'If-None-Match': first.headers.get('ETag')! },
    })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers.get('X-Cache')).toBe('HIT')
  })

  it('sees a write made straight to the database once the version it remembers has lapsed', async () => {
    const { app, advance } = await cachedApp(2)
    const id = await createTestPlace(ORG_WAITAN)
    expect((await app.request(NEAR(id))).headers.get('X-Cache')).toBe('MISS')
    const { db } = await testDatabase()
    const before = await readDataVersion(db)
    await sql`UPDATE place SET name_zh = '改过名的驿站' WHERE id = ${id}`.execute(db)
    expect(Number(await readDataVersion(db))).toBe(Number(before) + 1)
    expect((await app.request(NEAR(id))).headers.get('X-Cache')).toBe('HIT') // within the version's 2 s
    advance(2_000)
    const after = await app.request(NEAR(id))
    expect(after.headers.get('X-Cache')).toBe('MISS')
    expect((await after.json<{ properties: { name_zh: string } }>()).properties.name_zh).toBe('改过名的驿站')
  })

  it('bumps the version once per transaction, and not for a rolled-back one', async () => {
    const { db } = await testDatabase()
    const before = Number(await readDataVersion(db))
    await db.transaction().execute(async (tx) => {
      await sql`UPDATE place SET phone = '0574-9' WHERE id IN (SELECT id FROM place LIMIT 3)`.execute(tx)
      await sql`UPDATE place SET phone = '0574-8' WHERE id IN (SELECT id FROM place LIMIT 3)`.execute(tx)
    })
    expect(Number(await readDataVersion(db))).toBe(before + 1)
    await db
      .transaction()
      .execute(async (tx) => {
        await sql`UPDATE place SET phone = '0574-7'`.execute(tx)
        throw new Error('roll back')
      })
      .catch(() => {})
    expect(Number(await readDataVersion(db))).toBe(before + 1)
  })

  it('shows a staff edit made through the app on the very next request', async () => {
    const { app } = await cachedApp(60)
    const id = await createTestPlace(ORG_WAITAN)
    await app.request(NEAR(id))
    expect((await app.request(NEAR(id))).headers.get('X-Cache')).toBe('HIT')
    const { username } = await createStaff('editor', [ORG_WAITAN])
    const cookie = await signIn(app, username, PASSWORD)
    const etag = (await app.request(NEAR(id), { headers: { Cookie: cookie } })).headers.get('ETag')!
    const edit = await app.request(NEAR(id), jsonRequest('PATCH', { phone: '0574-88880000' }, { cookie, ifMatch: etag }))
    expect(edit.status).toBe(200)
    const next = await app.request(NEAR(id))
    expect(next.headers.get('X-Cache')).toBe('MISS')
    expect((await next.json<{ properties: { phone: string } }>()).properties.phone).toBe('0574-88880000')
  })

  it('never stores or serves anything personal, staff-only or not public', async () => {
    const { app, cache } = await cachedApp()
    const cookie = { headers: { Cookie: 'session=abc' } }
    for (const [path, init] of [
      ['/api/v1/categories', cookie],
      ['/api/v1/session', {}],
      ['/api/v1/reports', {}],
      ['/api/v1/places/any-place/history', {}],
      ['/api/v1/export.geojson', {}],
    ] as const) {
      const res = await app.request(path, init)
      expect(res.headers.get('X-Cache'), path).toBeNull()
    }
    // A precise position (307 to the grid) and a bad query (400) are looked up, but never stored.
    expect((await app.request('/api/v1/places?lat=29.884123&lng=121.556&limit=5')).status).toBe(307)
    expect((await app.request('/api/v1/places?lat=999&lng=121.556')).status).toBe(400)
    expect((await app.request('/api/v1/places?lat=999&lng=121.556')).headers.get('X-Cache')).toBe('MISS')
    expect(cache.keys().filter((k) => !k.endsWith('/data-version'))).toEqual([])
  })

  it('never serves an answer after the minute it was computed in (open now)', async () => {
    const { app, advance } = await cachedApp(600)
    const path = '/api/v1/places?lat=29.884&lng=121.556&open_now=true&limit=5'
    expect((await app.request(path)).headers.get('X-Cache')).toBe('MISS')
    advance(10_000)
    expect((await app.request(path)).headers.get('X-Cache')).toBe('HIT')
    advance(40_000) // 10:01:00: a new minute, still within max-age
    expect((await app.request(path)).headers.get('X-Cache')).toBe('MISS')
  })
})

const DATABASE_URL = process.env.DATABASE_URL
if (!DATABASE_URL)
  console.info('tests/edge/edge-cache.test.ts: the workerd part skipped: it needs a real PostgreSQL+PostGIS (set DATABASE_URL)')

describe.skipIf(!DATABASE_URL)(
  'edge cache in workerd (wrangler dev, caches.default, Hyperdrive → PostGIS) [needs DATABASE_URL]',
  () => {
    let dev: WranglerDev
    let proxy: Awaited<ReturnType<typeof startTcpProxy>>
    const get = (path: string, init?: RequestInit) => fetch(`${dev.origin}${path}`, { redirect: 'manual', ...init })

    beforeAll(async () => {
      // What the cached search below must find (within its 10 nearest: it stands on the grid point).
      await createPlace({ id: 'edge-cache-water', location: [121.556, 29.884], amenities: ['drinking_water'] })
      const url = new URL(await testDatabaseUrl())
      proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) })
      url.hostname = '127.0.0.1'
      url.port = String(proxy.port)
      // The version is remembered for a minute here, so the HIT below cannot depend on how fast the machine is.
      dev = await startWranglerDev(url.toString(), { vars: { EDGE_VERSION_TTL: '60', LOG_REQUESTS: 'false' } })
    }, 180_000)
    afterAll(async () => {
      await dev?.stop()
      await proxy?.close()
    })

    it('serves the second identical request from caches.default with the database unreachable', async () => {
      const path = '/api/v1/places?lat=29.884&lng=121.556&amenity=drinking_water&limit=10'
      const first = await get(path)
      expect(first.status).toBe(200)
      expect(first.headers.get('X-Cache')).toBe('MISS')
      const body = await first.json<Collection>()
      expect(body.features.map((f) => f.id)).toContain('edge-cache-water')
      const opened = proxy.connections
      expect(opened).toBeGreaterThan(0) // the MISS went to the database through the proxy
      await proxy.cut()
      try {
        const second = await get('/api/v1/places?limit=10&amenity=drinking_water&lng=121.556&lat=29.884')
        expect(second.status).toBe(200)
        expect(second.headers.get('X-Cache')).toBe('HIT')
        expect(await second.json()).toEqual(body)
        expect(proxy.connections).toBe(opened) // and the HIT opened no connection (the proxy refuses them anyway)
      } finally {
        await proxy.restore()
      }
    })

    it('shows a staff edit through the Worker on the next request (MISS, new data)', async () => {
      const id = await createTestPlace(ORG_WAITAN)
      expect((await get(NEAR(id))).headers.get('X-Cache')).toBe('MISS')
      const cached = await get(NEAR(id))
      expect(cached.headers.get('X-Cache')).toBe('HIT')
      const { username } = await createStaff('editor', [ORG_WAITAN])
      const signIn = await get('/api/v1/session', jsonRequest('POST', { username, password: PASSWORD }, { origin: dev.origin }))
      const cookie = signIn.headers.get('Set-Cookie')!.split(';')[0]!
      const edit = await get(
        NEAR(id),
        jsonRequest('PATCH', { phone: '0574-66660000' }, { cookie, origin: dev.origin, ifMatch: cached.headers.get('ETag')! }),
      )
      expect(edit.status).toBe(200)
      const next = await get(NEAR(id))
      expect(next.headers.get('X-Cache')).toBe('MISS')
      expect((await next.json<{ properties: { phone: string } }>()).properties.phone).toBe('0574-66660000')
      expect((await get(NEAR(id))).headers.get('X-Cache')).toBe('HIT')
    })

    it('made no request beyond localhost', () => {
      expect(dev.outbound).toEqual([])
    })
  },
)
