import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PUBLIC_CACHE_CONTROL } from '../../api/middleware/http-cache.js'
import { createStaff, createTestPlace, jsonRequest, ORG_WAITAN, PASSWORD } from '../helpers/staff.js'
import { sql } from 'kysely'
import { testApp, testDatabase, testDatabaseUrl } from '../helpers/test-db.js'
import { startWranglerDev, type WranglerDev } from '../../scripts/wrangler-dev.js'
import { createPlace, createPlaces } from '../helpers/fixtures.js'

interface Collection {
  features: { id: string; properties: { distance_m: number; amenities: string[]; category: string } }[]
}
const DATABASE_URL = process.env.DATABASE_URL
if (!DATABASE_URL)
  console.info('tests/edge/worker.test.ts skipped: the Worker needs a real PostgreSQL+PostGIS (set DATABASE_URL)')
// Made by the file, far from the sample's places: twelve stations with both amenities, and others without.
const NEAREST = '/api/v1/places?lat=30.300&lng=121.900&category=caring_station&amenity=drinking_water,phone_charging&limit=10'
const SHARED = { id: 'worker-shared-station', name_zh: '分享测试驿站' }

describe.skipIf(!DATABASE_URL)(
  'the Worker in workerd (wrangler dev, Hyperdrive → PostGIS) [needs DATABASE_URL; skipped on the embedded database]',
  () => {
    let dev: WranglerDev
    const get = (path: string, init?: RequestInit) => fetch(`${dev.origin}${path}`, { redirect: 'manual', ...init })

    beforeAll(async () => {
      await createPlaces(24, (i) => ({
        id: `worker-nearest-${i}`,
        location: [121.9 + i * 0.0004, 30.3],
        category: i % 4 === 3 ? 'clinic' : 'caring_station',
        ...(i % 4 === 3 ? { details: { clinic_type: 'other', services: ['general_practice'] } } : {}),
        amenities: i % 4 === 1 ? ['drinking_water'] : ['drinking_water', 'phone_charging'],
      }))
      await createPlace(SHARED)
      dev = await startWranglerDev(await testDatabaseUrl())
    }, 180_000)
    afterAll(async () => {
      await dev?.stop()
    })

    it('answers /healthz from the database, never cached', async () => {
      const res = await get('/healthz')
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ status: 'ok' })
      expect(res.headers.get('Cache-Control')).toBe('no-store')
    })

    it('finds the nearest places with filters, the same ones the Node app finds', async () => {
      const res = await get(NEAREST)
      expect(res.status).toBe(200)
      expect(res.headers.get('Cache-Control')).toBe(PUBLIC_CACHE_CONTROL)
      const body = await res.json<Collection>()
      expect(body.features).toHaveLength(10)
      const distances = body.features.map((f) => f.properties.distance_m)
      expect([...distances].sort((a, b) => a - b)).toEqual(distances)
      for (const f of body.features) {
        expect(f.properties.category).toBe('caring_station')
        expect(f.properties.amenities).toEqual(expect.arrayContaining(['drinking_water', 'phone_charging']))
      }
      const node = await (await (await testApp({ clock: () => new Date() })).request(NEAREST)).json<Collection>()
      expect(body.features.map((f) => f.id)).toEqual(node.features.map((f) => f.id))
      // Eastwards one by one: i % 4 = 0 or 2 has both amenities, 1 lacks phone charging, 3 is a clinic.
      expect(body.features.map((f) => f.id)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18].map((i) => `worker-nearest-${i}`))
    })

    it('sends a precise position to the grid search, and neither URL nor log keeps it', async () => {
      const precise = '/api/v1/places?lat=29.885123&lng=121.556789&limit=5'
      const res = await get(precise)
      expect(res.status).toBe(307)
      expect(res.headers.get('Cache-Control')).toBe('no-store')
      expect(res.headers.get('Location')).toBe('/api/v1/places?lat=29.886&lng=121.556&limit=5')
      const followed = await fetch(`${dev.origin}${precise}`)
      expect(followed.status).toBe(200)
      expect(new URL(followed.url).search).toBe('?lat=29.886&lng=121.556&limit=5')
      expect(followed.headers.get('Cache-Control')).toBe(PUBLIC_CACHE_CONTROL)
      expect(dev.output()).not.toMatch(/29\.885123|121\.556789/)
    })

    it('gives a list a strong ETag and a 304 when it is unchanged', async () => {
      const etag = (await get(NEAREST)).headers.get('ETag')
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
      const again = await get(NEAREST, { headers: { 'If-None-Match': etag! } })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
    })

    it('serves a place with its versioned ETag and a 304 on If-None-Match', async () => {
      const [first] = (await (await get(NEAREST)).json<Collection>()).features
      const res = await get(`/api/v1/places/${first!.id}`)
      expect(res.status).toBe(200)
      expect((await res.json<{ id: string }>()).id).toBe(first!.id)
      const etag = res.headers.get('ETag')!
      expect(etag).toMatch(new RegExp(`^"${first!.id}\\.v\\d+\\.\\d{8}[ocu]"$`))
      const cached = await get(`/api/v1/places/${first!.id}`, { headers: { 'If-None-Match': etag } })
      expect(cached.status).toBe(304)
    })

    it('answers problems as application/problem+json: unknown place 404, bad query 400, unknown API path 404', async () => {
      const missing = await get('/api/v1/places/no-such-place')
      expect(missing.status).toBe(404)
      expect(missing.headers.get('Content-Type')).toBe('application/problem+json')
      expect(missing.headers.get('Cache-Control')).toBe('no-store')
      const bad = await get('/api/v1/places?lat=999&lng=121.556')
      expect(bad.status).toBe(400)
      expect(bad.headers.get('Content-Type')).toBe('application/problem+json')
      expect(await bad.json()).toMatchObject({ status: 400, errors: [{ field: 'lat' }] })
      const nowhere = await get('/api/v1/nowhere', { headers: { Accept: 'text/html' } })
      expect(nowhere.status).toBe(404)
      expect(nowhere.headers.get('Content-Type')).toBe('application/problem+json')
    })

    it('serves the web app shell for other paths (single-page fallback) with the security headers', async () => {
      const res = await get(`/place/${SHARED.id}`, { headers: { Accept: 'text/html' } })
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('Waystation shell')
      expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      const asset = await get('/assets/app-0123abcd.js')
      expect(asset.status).toBe(200)
      expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      const api = await get('/api/v1/categories')
      // A page's policy on the shell, the data policy (nothing loads, nothing frames) on the API's JSON, as on Node.
      expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'")
      expect(api.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    })

    it('gives a shared station link its share card, as Node does, and the plain shell otherwise', async () => {
      const shared = await get(`/?place=${SHARED.id}`, { headers: { Accept: 'text/html' } })
      expect(shared.status).toBe(200)
      expect(shared.headers.get('Content-Type')).toMatch(/^text\/html/)
      const html = await shared.text()
      expect(html).toContain(`<title>${SHARED.name_zh} · 江北便民服务地图</title>`)
      expect(html).toContain(`<meta property="og:title" content="${SHARED.name_zh} · 江北便民服务地图" />`)
      expect(html).toContain(`content="${dev.origin}/icon-512.png"`)
      expect(html).toContain('<div id="app"></div>')
      expect(shared.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
      // A link-preview bot that accepts anything gets it too.
      expect(await (await get(`/?place=${SHARED.id}`, { headers: { Accept: '*/*' } })).text()).toContain('og:title')
      for (const path of ['/', '/?place=no-such-place', '/?place=%3Cscript%3E']) {
        const plain = await get(path, { headers: { Accept: 'text/html' } })
        expect(plain.status, path).toBe(200)
        const text = await plain.text()
        expect(text, path).toContain('<title>Waystation shell</title>')
        expect(text, path).not.toContain('og:title')
        expect(plain.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'")
      }
    })

    it('serves many requests in a row, each with its own short-lived connection', async () => {
      const statuses = []
      for (let i = 0; i < 15; i++) statuses.push((await get(`/api/v1/places?category=clinic&limit=${i + 1}`)).status)
      expect(statuses).toEqual(Array(15).fill(200))
    })

    it('streams the whole open-data export, reading from the database after the response has started', async () => {
      // Enough places for several read batches, so later batches run after fetch() has returned the response.
      const { db } = await testDatabase()
      await sql`INSERT INTO place (id, category, name_zh, location, source)
      SELECT 'edge-export-' || g, 'caring_station', '导出测试' || g, ST_SetSRID(ST_MakePoint(121.9, 30.3), 4326)::geography, 'test'
        FROM generate_series(1, 1200) AS g`.execute(db)
      try {
        const res = await get('/api/v1/export.geojson')
        expect(res.status).toBe(200)
        const body = await res.json<{ features: { id: string }[] }>()
        const node = await (await (await testApp()).request('/api/v1/export.geojson')).json<{ features: { id: string }[] }>()
        expect(body.features.filter((f) => f.id.startsWith('edge-export-'))).toHaveLength(1200)
        expect(body.features.map((f) => f.id)).toEqual(node.features.map((f) => f.id))
      } finally {
        await sql`DELETE FROM place WHERE id LIKE 'edge-export-%'`.execute(db)
      }
    })

    it('takes a problem report from the public (201, never cached)', async () => {
      const placeId = await createTestPlace(ORG_WAITAN)
      const report = { kind: 'amenity_broken', amenity: 'meal_heating', message: 'Microwave out of order' }
      const res = await get(`/api/v1/places/${placeId}/reports`, jsonRequest('POST', report, { origin: dev.origin }))
      expect(res.status).toBe(201)
      expect(await res.json()).toMatchObject({ status: 'open' })
      expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    })

    it('signs staff in with an HttpOnly SameSite cookie, answered private, no-store', async () => {
      const { username } = await createStaff('editor', [ORG_WAITAN])
      const res = await get('/api/v1/session', jsonRequest('POST', { username, password: PASSWORD }, { origin: dev.origin }))
      expect(res.status).toBe(201)
      expect(res.headers.get('Set-Cookie')).toMatch(/HttpOnly/i)
      expect(res.headers.get('Set-Cookie')).toMatch(/SameSite=Strict/i)
      expect(res.headers.get('Cache-Control')).toBe('private, no-store')
      const cookie = res.headers.get('Set-Cookie')!.split(';')[0]!
      const me = await get('/api/v1/session', { headers: { Cookie: cookie } })
      expect(await me.json()).toMatchObject({ account: { username } })
      expect(me.headers.get('Cache-Control')).toBe('private, no-store')
    })

    it('lets an editor change a place with If-Match, and refuses a stale or missing one', async () => {
      const placeId = await createTestPlace(ORG_WAITAN)
      const { username } = await createStaff('editor', [ORG_WAITAN])
      const signIn = await get('/api/v1/session', jsonRequest('POST', { username, password: PASSWORD }, { origin: dev.origin }))
      const cookie = signIn.headers.get('Set-Cookie')!.split(';')[0]!
      const etag = (await get(`/api/v1/places/${placeId}`)).headers.get('ETag')!
      const edit = (ifMatch?: string, change: unknown = { amenities: ['drinking_water', 'wifi'], phone: '0574-1' }) =>
        get(
          `/api/v1/places/${placeId}`,
          jsonRequest('PATCH', change, { cookie, origin: dev.origin, ...(ifMatch ? { ifMatch } : {}) }),
        )
      const edited = await edit(etag)
      expect(edited.status).toBe(200)
      expect(edited.headers.get('Cache-Control')).toBe('private, no-store')
      expect(edited.headers.get('ETag')).toMatch(new RegExp(`^"${placeId}\\.v2\\.`))
      // The same field changed since that ETag, to another value: a conflict (the same value again merges).
      expect((await edit(etag, { phone: '0574-2' })).status).toBe(412)
      expect((await edit()).status).toBe(428)
      const publicView = await (await get(`/api/v1/places/${placeId}`)).json<{ properties: { amenities: string[] } }>()
      expect(publicView.properties.amenities).toEqual(['drinking_water', 'wifi'])
    })

    it('made no request beyond localhost', () => {
      expect(dev.outbound).toEqual([])
    })
  },
)
