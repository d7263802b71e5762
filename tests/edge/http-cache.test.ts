// The Node server runs with @hono/node-server's lightweight Response as the global one; so do these tests.
import '@hono/node-server'
import { beforeAll, describe, expect, it } from 'vitest'
import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from '../../api/middleware/http-cache.js'
import { createPlaces } from '../helpers/fixtures.js'
import { testApp } from '../helpers/test-db.js'

const STRONG_ETAG = /^"[^"]+"$/

// Opening the database (seconds for the embedded one on a busy machine) belongs to the hook, not the first test.
beforeAll(async () => {
  await testApp()
})

describe('HTTP caching of anonymous reads', () => {
  it('makes a public list cacheable with a strong ETag of its body', async () => {
    const app = await testApp()
    const res = await app.request('/api/v1/categories')
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe(PUBLIC_CACHE_CONTROL)
    expect(res.headers.get('Cache-Control')).toMatch(/max-age=\d+, stale-while-revalidate=\d+/)
    expect(res.headers.get('ETag')).toMatch(STRONG_ETAG)
    expect(res.headers.get('Vary')).toMatch(/Cookie/)
    const again = await app.request('/api/v1/categories')
    expect(again.headers.get('ETag')).toBe(res.headers.get('ETag'))
  })

  it('answers 304 without a body when If-None-Match holds the current ETag (weak form too)', async () => {
    const app = await testApp()
    const etag = (await app.request('/api/v1/amenities')).headers.get('ETag')!
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await app.request('/api/v1/amenities', { headers: { 'If-None-Match': ifNoneMatch } })
      expect(res.status).toBe(304)
      expect(await res.text()).toBe('')
      expect(res.headers.get('ETag')).toBe(etag)
      expect(res.headers.get('Cache-Control')).toBe(PUBLIC_CACHE_CONTROL)
      expect(res.headers.get('Content-Length')).toBeNull()
    }
    const stale = await app.request('/api/v1/amenities', { headers: { 'If-None-Match': '"not-it"' } })
    expect(stale.status).toBe(200)
  })

  it('gives different ETags to different searches', async () => {
    const app = await testApp()
    const a = await app.request('/api/v1/places?category=clinic&limit=5')
    const b = await app.request('/api/v1/places?category=training_base&limit=5')
    expect(a.headers.get('ETag')).toMatch(STRONG_ETAG)
    expect(a.headers.get('ETag')).not.toBe(b.headers.get('ETag'))
  })

  it("keeps the place route's own versioned ETag and its 304", async () => {
    const app = await testApp()
    const id = (await (await app.request('/api/v1/places?limit=1')).json<{ features: { id: string }[] }>()).features[0]!.id
    const res = await app.request(`/api/v1/places/${id}`)
    const etag = res.headers.get('ETag')!
    expect(etag).toMatch(new RegExp(`^"${id}\\.v\\d+\\.\\d{8}[ocu]"$`))
    expect(res.headers.get('Cache-Control')).toBe(PUBLIC_CACHE_CONTROL)
    const cached = await app.request(`/api/v1/places/${id}`, { headers: { 'If-None-Match': etag } })
    expect(cached.status).toBe(304)
    expect(cached.headers.get('Cache-Control')).toBe(PUBLIC_CACHE_CONTROL)
  })
})

describe('HTTP caching of personal and uncacheable responses', () => {
  it('marks a request carrying a session cookie private, no-store', async () => {
    const app = await testApp()
    const res = await app.request('/api/v1/categories', { headers: { Cookie: 'session=abc' } })
    expect(res.headers.get('Cache-Control')).toBe(PRIVATE_CACHE_CONTROL)
  })

  it('marks staff and session routes private, no-store even without credentials', async () => {
    const app = await testApp()
    for (const path of ['/api/v1/session', '/api/v1/places/any-place/history', '/api/v1/reports']) {
      const res = await app.request(path)
      expect(res.headers.get('Cache-Control'), path).toBe(PRIVATE_CACHE_CONTROL)
    }
  })

  it('marks writes private, no-store', async () => {
    const app = await testApp()
    const res = await app.request('/api/v1/categories', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.headers.get('Cache-Control')).toBe(PRIVATE_CACHE_CONTROL)
  })

  it('never stores the health check or an error', async () => {
    const app = await testApp()
    expect((await app.request('/healthz')).headers.get('Cache-Control')).toBe('no-store')
    const missing = await app.request('/api/v1/places/no-such-place')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('Content-Type')).toBe('application/problem+json')
    expect(missing.headers.get('Cache-Control')).toBe('no-store')
    expect(missing.headers.get('ETag')).toBeNull()
  })
})

describe('nearby searches and precise positions', () => {
  it('redirects a precise position to the same search on the grid, storing nothing', async () => {
    const lines: string[] = []
    const app = await testApp({ log: (line) => lines.push(line) })
    const res = await app.request('/api/v1/places?lat=29.885123&lng=121.556789&amenity=drinking_water&limit=10')
    expect(res.status).toBe(307)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Location')).toBe('/api/v1/places?lat=29.886&lng=121.556&amenity=drinking_water&limit=10')
    expect(lines.join('\n')).not.toMatch(/29\.88|121\.55/)
  })

  it('serves the grid search itself, cacheable, nearest first from the grid point', async () => {
    const app = await testApp()
    // Twelve with drinking water and three without, far from the sample's places: all ten found are these.
    await createPlaces(15, (i) => ({
      id: `grid-search-${i}`,
      location: [121.9 + i * 0.0004, 30.3],
      amenities: i % 5 === 4 ? ['phone_charging'] : ['drinking_water'],
    }))
    const res = await app.request('/api/v1/places?lat=30.300&lng=121.900&amenity=drinking_water&limit=10')
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe(PUBLIC_CACHE_CONTROL)
    const body = await res.json<{ features: { id: string; properties: { distance_m: number; amenities: string[] } }[] }>()
    expect(body.features).toHaveLength(10)
    const distances = body.features.map((f) => f.properties.distance_m)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    for (const f of body.features) expect(f.properties.amenities).toContain('drinking_water')
    expect(body.features.map((f) => f.id)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 10, 11].map((i) => `grid-search-${i}`))
  })

  it('grows a precise bbox outwards to the grid, keeping the commas readable', async () => {
    const app = await testApp()
    const res = await app.request('/api/v1/places?bbox=121.5431,29.8812,121.5599,29.9001')
    expect(res.status).toBe(307)
    expect(res.headers.get('Location')).toBe('/api/v1/places?bbox=121.542,29.88,121.56,29.902')
  })

  it('lets validation answer a position that is not a number (400, not a redirect)', async () => {
    const app = await testApp()
    const res = await app.request('/api/v1/places?lat=north&lng=121.556789')
    expect(res.status).toBe(400)
    expect(res.headers.get('Content-Type')).toBe('application/problem+json')
  })
})
