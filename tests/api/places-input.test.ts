import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PLACES_QUERY_PARAMS } from '../../api/schemas/places-query.js'
import { testApp } from '../helpers/test-db.js'

async function problem(query: string) {
  const app = await testApp()
  const res = await app.request(`/api/v1/places?${query}`)
  const body = await res.json<{ status: number; detail: string; errors?: { field: string; message: string }[] }>()
  return { res, body, fields: body.errors?.map((e) => e.field) ?? [] }
}

describe('GET /api/v1/places with bad input', () => {
  it.each([
    ['lat=91&lng=121.5', 'lat'],
    ['lat=29.9&lng=-181', 'lng'],
    ['lat=NaN&lng=121.5', 'lat'],
    ['lat=1e3&lng=121.5', 'lat'],
    ['lat=&lng=121.5', 'lat'],
    ['lat=29.9', 'lng'],
    ['radius=100', 'radius'],
    ['lat=29.9&lng=121.5&radius=0', 'radius'],
    ['lat=29.9&lng=121.5&radius=50001', 'radius'],
    ['bbox=121.6,29.8,121.5,29.9', 'bbox'],
    ['bbox=121.5,29.8,121.6', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    ['category=hospital', 'category'],
    ['category=', 'category'],
    ['amenity=drinking_water,beer', 'amenity'],
    ['open_now=yes', 'open_now'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=1.5', 'limit'],
    [`q=${'长'.repeat(101)}`, 'q'],
    ['cursor=not-a-cursor', 'cursor'],
    ['limit=5&limit=6', 'limit'],
    ['lon=121.5', 'lon'],
  ])('%s → 400 naming %s', async (query, field) => {
    const { res, body, fields } = await problem(query)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(body.status).toBe(400)
    expect(fields).toContain(field)
    expect(body.detail).toContain(field)
  })

  it('rejects a cursor from a query with another ordering', async () => {
    const app = await testApp()
    const first = await (await app.request('/api/v1/places?limit=2')).json<{ next_cursor: string }>()
    const { res, fields } = await problem(`lat=29.9&lng=121.5&cursor=${first.next_cursor}`)
    expect(res.status).toBe(400)
    expect(fields).toEqual(['cursor'])
  })

  it('answers a huge query string with 400, not a crash', async () => {
    const { res } = await problem(`q=${'x'.repeat(100_000)}`)
    expect(res.status).toBe(400)
  })

  it('never answers 5xx, whatever the parameters (property)', async () => {
    const app = await testApp()
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.double().map(String),
      fc.integer().map(String),
      fc.constantFrom(
        '29.88',
        '121.55',
        '1',
        '50000',
        'true',
        'clinic,caring_station',
        'drinking_water',
        '121.5,29.8,121.6,29.9',
        '',
      ),
    )
    const param = fc.tuple(fc.oneof(fc.constantFrom(...PLACES_QUERY_PARAMS), fc.string({ maxLength: 8 })), value)
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 6 }), async (params) => {
        const res = await app.request(`/api/v1/places?${new URLSearchParams(params).toString()}`)
        expect(res.status).toBeLessThan(500)
        // 307: a position finer than the location grid is sent to the grid search (api/middleware/grid-location.ts).
        if (res.status === 307) expect(res.headers.get('location')).toMatch(/^\/api\/v1\/places\?/)
        else if (res.status !== 200) expect(res.headers.get('content-type')).toBe('application/problem+json')
      }),
      { numRuns: 250 },
    )
  })

  it('never answers 5xx for well-formed random searches, and they are honoured (property)', async () => {
    const app = await testApp()
    const query = fc.record(
      {
        // On the 0.002° location grid, as clients send positions (others are redirected to the grid first).
        lat: fc.integer({ min: -45_000, max: 45_000 }).map((x) => String(x / 500)),
        lng: fc.integer({ min: -90_000, max: 90_000 }).map((x) => String(x / 500)),
        radius: fc.integer({ min: 1, max: 50_000 }).map(String),
        q: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
        limit: fc.integer({ min: 1, max: 200 }).map(String),
        open_now: fc.constantFrom('true', 'false'),
      },
      { requiredKeys: ['lat', 'lng'] },
    )
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const res = await app.request(`/api/v1/places?${new URLSearchParams(q).toString()}`)
        expect(res.status).toBe(200)
        const body = await res.json<{ features: { properties: { distance_m: number } }[] }>()
        if (q.radius) for (const f of body.features) expect(f.properties.distance_m).toBeLessThanOrEqual(Number(q.radius) + 1)
      }),
      { numRuns: 100 },
    )
  })
})
