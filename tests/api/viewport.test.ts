import fc from 'fast-check'
import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../api/db/schema.js'
import { gridBoxes } from '../helpers/grid-boxes.js'
import { inRolledBackTransaction, testApp } from '../helpers/test-db.js'

/** 3,000 extra places (rolled back afterwards) with every category, amenity mix and kind of hours. */
async function withManyPlaces(body: (trx: Kysely<Database>) => Promise<void>) {
  await inRolledBackTransaction(async (trx) => {
    await sql`INSERT INTO place (id, category, name_zh, location, amenities, opening_hours, status, source)
        SELECT 'viewport-' || g,
               (ARRAY['caring_station', 'clinic', 'talent_apartment', 'training_base'])[1 + g % 4],
               '视口测试' || g,
               ST_SetSRID(ST_MakePoint(121.50 + (g * 7919 % 1009) * 0.0001, 29.90 + (g * 104729 % 997) * 0.0001), 4326)::geography,
               CASE g % 3 WHEN 0 THEN ARRAY['drinking_water', 'wifi'] WHEN 1 THEN ARRAY['drinking_water'] ELSE ARRAY['wifi'] END,
               CASE g % 2 WHEN 0 THEN '{"weekly": {"we": [["08:00", "20:00"]]}}'::jsonb
                          ELSE '{"weekly": {"we": [["20:00", "23:00"]]}}'::jsonb END,
               CASE WHEN g % 50 = 0 THEN 'closed' ELSE 'open' END,
               'test'
          FROM generate_series(1, 3000) AS g`.execute(trx)
    await body(trx)
  })
}

interface Viewport {
  zoom: number
  cell: number | null
  total: number
  clusters: Array<{ lng: number; lat: number; count: number }>
  places: Array<{ id: string; category: string; name_zh: string; lng: number; lat: number; open_now: boolean | null }>
}

/** Every id the list finds for the same box and filters, page by page. */
async function listIds(app: Awaited<ReturnType<typeof testApp>>, search: string): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const res = await app.request(`/api/v1/places?${search}&limit=200${cursor ? `&cursor=${cursor}` : ''}`)
    expect(res.status).toBe(200)
    const page = await res.json<{ features: Array<{ id: string }>; next_cursor: string | null }>()
    ids.push(...page.features.map((f) => f.id))
    cursor = page.next_cursor
  } while (cursor)
  return ids.sort()
}

// Boxes on the 0.002° location grid, so neither endpoint redirects.
const bbox = gridBoxes({ lng: 121.49, lat: 29.89, steps: [40, 40] }, { min: 1, max: 60 })
const filters = fc.record(
  {
    category: fc.constantFrom('clinic', 'caring_station,training_base'),
    amenity: fc.constantFrom('drinking_water', 'drinking_water,wifi'),
    open_now: fc.constantFrom('true', 'false'),
  },
  { requiredKeys: [] },
)

describe('GET /api/v1/places/viewport', () => {
  it('counts add up to what the list finds in the same box with the same filters, at every zoom', async () => {
    await withManyPlaces(async (trx) => {
      const app = await testApp({ db: trx })
      await fc.assert(
        fc.asyncProperty(bbox, fc.integer({ min: 8, max: 19 }), filters, async (box, zoom, f) => {
          const search = new URLSearchParams({ bbox: box, ...f }).toString().replace(/%2C/g, ',')
          const res = await app.request(`/api/v1/places/viewport?${search}&zoom=${zoom}`)
          expect(res.status).toBe(200)
          const view = await res.json<Viewport>()
          const expected = await listIds(app, search)
          expect(view.total).toBe(expected.length)
          expect(view.clusters.reduce((n, c) => n + c.count, 0) + view.places.length).toBe(view.total)
          expect(view.clusters.every((c) => c.count > 1)).toBe(true)
          // Places shown individually are ones the list finds, inside the box.
          const [minLng, minLat, maxLng, maxLat] = box.split(',').map(Number) as [number, number, number, number]
          for (const p of view.places) {
            expect(expected).toContain(p.id)
            expect(p.lng >= minLng && p.lng <= maxLng && p.lat >= minLat && p.lat <= maxLat).toBe(true)
          }
          for (const c of view.clusters)
            expect(c.lng >= minLng && c.lng <= maxLng && c.lat >= minLat && c.lat <= maxLat).toBe(true)
          if (zoom >= 17) expect(view.places.map((p) => p.id).sort()).toEqual(expected)
        }),
        { numRuns: 12, seed: 1414 },
      )
    })
  })

  it('gives clusters at district zoom and places at street zoom, filters applied to both', async () => {
    await withManyPlaces(async (trx) => {
      const app = await testApp({ db: trx })
      const get = async (q: string) => await (await app.request(`/api/v1/places/viewport?${q}`)).json<Viewport>()
      const district = await get('bbox=121.49,29.89,121.61,30.01&zoom=12')
      expect(district.clusters.length).toBeGreaterThan(0)
      expect(Math.max(...district.clusters.map((c) => c.count))).toBeGreaterThan(10)
      const clinics = await get('bbox=121.49,29.89,121.61,30.01&zoom=12&category=clinic')
      expect(clinics.total).toBeGreaterThan(0)
      expect(clinics.total).toBeLessThan(district.total / 2)
      const openClinics = await get('bbox=121.49,29.89,121.61,30.01&zoom=12&category=clinic&open_now=true')
      expect(openClinics.total).toBeLessThan(clinics.total)

      const street = await get('bbox=121.54,29.94,121.552,29.95&zoom=17&category=clinic')
      expect(street.clusters).toEqual([])
      expect(street.places.length).toBeGreaterThan(0)
      expect(street.places.every((p) => p.category === 'clinic')).toBe(true)
    })
  })

  it('stays small however large the box: at most 48 × 48 cells', async () => {
    await withManyPlaces(async (trx) => {
      const app = await testApp({ db: trx })
      const res = await app.request('/api/v1/places/viewport?bbox=73,18,135,54&zoom=19')
      expect(res.status).toBe(200)
      const view = await res.json<Viewport>()
      expect(view.cell).toBeGreaterThanOrEqual(62 / 48)
      expect(view.clusters.length + view.places.length).toBeLessThanOrEqual(49 * 49)
    })
  })

  it('refuses a view it cannot draw with problem+json 400 naming the parameter', async () => {
    const app = await testApp()
    for (const [q, field] of [
      ['zoom=12', 'bbox'],
      ['bbox=121.5,29.9,121.6,30&zoom=23', 'zoom'],
      ['bbox=121.5,29.9,121.6,30&zoom=twelve', 'zoom'],
      ['bbox=121.5,29.9,121.6,30&zoom=12&limit=5', 'limit'],
      ['bbox=121.5,29.9,121.6,30&zoom=12&amenity=jacuzzi', 'amenity'],
    ] as const) {
      const res = await app.request(`/api/v1/places/viewport?${q}`)
      expect(res.status, q).toBe(400)
      expect(res.headers.get('Content-Type')).toContain('application/problem+json')
      const body = await res.json<{ errors: Array<{ field: string }> }>()
      expect(body.errors.map((e) => e.field)).toContain(field)
    }
  })
})
