/**
 * The map's kept counts per grid cell (migration 0033): every way a place is written (import, staff create, edit,
 * move, deletion) leaves them equal to a count of the places themselves, and the viewport
 * answers read from them are the same as counting the places in view.
 */
import fc from 'fast-check'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../api/db/schema.js'
import { AMENITY_CODES } from '../../api/domain/amenities.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../api/app.js'
import { cellsFromCounts } from '../../api/queries/viewport-counts.js'
import { cellsInView } from '../../api/queries/viewport.js'
import { cellSize } from '../../api/lib/viewport-grid.js'
import { ViewportQuery } from '../../api/schemas/viewport.js'
import { createStaff, createTestPlace, jsonRequest, ORG_WAITAN, removeTestPlaces, signIn, trackPlace } from '../helpers/staff.js'
import { gridBoxes } from '../helpers/grid-boxes.js'
import { inRolledBackTransaction, shanghai, testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

let app: App
let admin: string
beforeAll(async () => {
  app = await testApp()
  admin = await signIn(app, (await createStaff('admin', [ORG_WAITAN])).username)
})

/**
 * Cells (any level, any category; per timetable and per amenity too) where the kept count or position sums differ
 * from the places'.
 */
async function drift(db?: Kysely<Database>): Promise<number> {
  db ??= (await testDatabase()).db
  const byWeek = await sql<{ n: number }>`
    WITH truth AS (
      SELECT level, floor(p.lng / (360::float8 / 2::float8 ^ level))::int AS gx,
             floor(p.lat / (360::float8 / 2::float8 ^ level))::int AS gy, p.category, w.id AS week,
             count(*)::int AS n, sum(p.lng) AS sum_lng, sum(p.lat) AS sum_lat
        FROM place p JOIN place_week w ON w.open_week = p.open_week
         AND w.holiday_hours = timetable_holiday_hours(p.opening_hours) CROSS JOIN generate_series(8, 16) AS level
       WHERE p.deleted_at IS NULL AND p.status = 'open' AND p.exception_dates = '{}' GROUP BY 1, 2, 3, 4, 5)
    SELECT count(*)::int AS n FROM truth t FULL JOIN (SELECT * FROM place_cell_week WHERE n <> 0) c USING (level, gx, gy, category, week)
     WHERE t.n IS DISTINCT FROM c.n OR abs(t.sum_lng - c.sum_lng) > 1e-6 OR abs(t.sum_lat - c.sum_lat) > 1e-6`.execute(db)
  const byAmenity = await sql<{ n: number }>`
    WITH truth AS (
      SELECT level, bit AS amenity, floor(p.lng / (360::float8 / 2::float8 ^ level))::int AS gx,
             floor(p.lat / (360::float8 / 2::float8 ^ level))::int AS gy, p.category, coalesce(w.id, 0) AS week,
             count(*)::int AS n, sum(p.lng) AS sum_lng, sum(p.lat) AS sum_lat
        FROM place p JOIN generate_series(0, 11) AS bit ON p.amenities @> ARRAY[(${sql.val([...AMENITY_CODES])}::text[])[bit + 1]]
        LEFT JOIN place_week w ON w.open_week = p.open_week AND w.holiday_hours = timetable_holiday_hours(p.opening_hours)
             AND p.status = 'open' AND p.exception_dates = '{}'
       CROSS JOIN generate_series(8, 16) AS level
       WHERE p.deleted_at IS NULL AND p.amenity_status = '{}'::jsonb GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT count(*)::int AS n FROM truth t FULL JOIN (SELECT * FROM place_cell_amenity WHERE n <> 0) c USING (level, amenity, gx, gy, category, week)
     WHERE t.n IS DISTINCT FROM c.n OR abs(t.sum_lng - c.sum_lng) > 1e-6 OR abs(t.sum_lat - c.sum_lat) > 1e-6`.execute(db)
  const byPair = await sql<{ n: number }>`
    WITH truth AS (
      SELECT level, a, b, floor(p.lng / (360::float8 / 2::float8 ^ level))::int AS gx,
             floor(p.lat / (360::float8 / 2::float8 ^ level))::int AS gy, p.category, coalesce(w.id, 0) AS week,
             count(*)::int AS n, sum(p.lng) AS sum_lng, sum(p.lat) AS sum_lat
        FROM place p
        JOIN generate_series(0, 11) AS a ON p.amenities @> ARRAY[(${sql.val([...AMENITY_CODES])}::text[])[a + 1]]
        JOIN generate_series(0, 11) AS b ON b > a AND p.amenities @> ARRAY[(${sql.val([...AMENITY_CODES])}::text[])[b + 1]]
        LEFT JOIN place_week w ON w.open_week = p.open_week AND w.holiday_hours = timetable_holiday_hours(p.opening_hours)
             AND p.status = 'open' AND p.exception_dates = '{}'
       CROSS JOIN generate_series(8, 14) AS level
       WHERE p.deleted_at IS NULL AND p.amenity_status = '{}'::jsonb GROUP BY 1, 2, 3, 4, 5, 6, 7)
    SELECT count(*)::int AS n FROM truth t FULL JOIN (SELECT * FROM place_cell_pair WHERE n <> 0) c USING (level, a, b, gx, gy, category, week)
     WHERE t.n IS DISTINCT FROM c.n OR abs(t.sum_lng - c.sum_lng) > 1e-6 OR abs(t.sum_lat - c.sum_lat) > 1e-6`.execute(db)
  return byWeek.rows[0]!.n + byAmenity.rows[0]!.n + byPair.rows[0]!.n + (await cellDrift(db))
}

async function cellDrift(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    WITH truth AS (
      SELECT level, floor(p.lng / (360::float8 / 2::float8 ^ level))::int AS gx,
             floor(p.lat / (360::float8 / 2::float8 ^ level))::int AS gy, p.category,
             count(*)::int AS n, sum(p.lng) AS sum_lng, sum(p.lat) AS sum_lat
        FROM place p CROSS JOIN generate_series(8, 16) AS level WHERE p.deleted_at IS NULL GROUP BY 1, 2, 3, 4)
    SELECT count(*)::int AS n FROM truth t FULL JOIN (SELECT * FROM place_cell WHERE n <> 0) c USING (level, gx, gy, category)
     WHERE t.n IS DISTINCT FROM c.n OR abs(t.sum_lng - c.sum_lng) > 1e-6 OR abs(t.sum_lat - c.sum_lat) > 1e-6`.execute(db)
  return rows[0]!.n
}

/** The whole district at zoom 10: answered from the kept counts. */
const districtTotal = async (filters = '') => {
  const res = await app.request(`/api/v1/places/viewport?bbox=120,29,123,31&zoom=10${filters}`)
  expect(res.status).toBe(200)
  return (await res.json<{ total: number }>()).total
}

describe('kept viewport counts', () => {
  it('stay equal to the places through imports, staff creation, edits, moves and deletions', async () => {
    expect(await drift()).toBe(0)
    const before = await districtTotal()
    const clinics = await districtTotal('&category=clinic')

    const file = '外部编号,名称,类别,经度,纬度\r\nCELL-1,格子一,爱心驿站,121.55,29.88\r\nCELL-2,格子二,爱心驿站,121.56,29.89\r\n'
    const imported = await app.request('/api/v1/import', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv; charset=utf-8', Origin: 'http://localhost', Cookie: admin },
      body: file,
    })
    expect(imported.status).toBe(200)
    const { db } = await testDatabase()
    for (const { id } of await db.selectFrom('place').where('external_id', 'like', 'CELL-%').select('id').execute())
      trackPlace(id)
    expect(await drift()).toBe(0)
    expect(await districtTotal()).toBe(before + 2)

    const id = await createTestPlace()
    expect(await drift()).toBe(0)
    const etag = async () => (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
    const patch = async (body: unknown) => {
      const res = await app.request(`/api/v1/places/${id}`, jsonRequest('PATCH', body, { cookie: admin, ifMatch: await etag() }))
      expect(res.status, await res.text()).toBe(200)
    }
    await patch({ location: [121.6, 29.95] })
    expect(await drift()).toBe(0)
    const created = await app.request(
      '/api/v1/places',
      jsonRequest(
        'POST',
        {
          category: 'clinic',
          name_zh: '格子诊所',
          location: [121.51, 29.9],
          details: { clinic_type: 'community_health_centre' },
        },
        { cookie: admin },
      ),
    )
    expect(created.status).toBe(201)
    const clinic = (await created.json<{ id: string }>()).id
    trackPlace(clinic)
    expect(await drift()).toBe(0)
    expect(await districtTotal('&category=clinic')).toBe(clinics + 1)
    await patch({ name_zh: '只改名字' })
    expect(await drift()).toBe(0)
    // What the open-now and amenity counts key on: hours (weekly, then a dated exception), status, amenities, outages.
    const weekly = { weekly: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr'].map((d) => [d, [['07:15', '19:45']]])) }
    await patch({ opening_hours: weekly })
    expect(await drift()).toBe(0)
    await patch({ opening_hours: { ...weekly, exceptions: [{ date: '2026-12-01', intervals: [] }] } })
    expect(await drift()).toBe(0)
    await patch({ opening_hours: weekly, status: 'temporarily_closed', status_until: '2026-12-31' })
    expect(await drift()).toBe(0)
    await patch({ status: 'open', status_until: null, amenities: ['toilet', 'wifi', 'drinking_water'] })
    expect(await drift()).toBe(0)
    await patch({ amenity_status: { wifi: { status: 'out_of_order' } } })
    expect(await drift()).toBe(0)
    await patch({ amenity_status: {}, amenities: ['toilet'] })
    expect(await drift()).toBe(0)

    const clinicEtag = (await app.request(`/api/v1/places/${clinic}`)).headers.get('etag')!
    const deleted = await app.request(
      `/api/v1/places/${clinic}`,
      jsonRequest('DELETE', undefined, { cookie: admin, ifMatch: clinicEtag }),
    )
    expect(deleted.status).toBe(204)
    expect(await drift()).toBe(0)
    expect(await districtTotal('&category=clinic')).toBe(clinics)
    expect(await districtTotal()).toBe(before + 3)
  })

  it('are emptied by a truncate of the places, in step with them', async () => {
    await inRolledBackTransaction(async (trx) => {
      await sql`TRUNCATE place CASCADE`.execute(trx)
      const { rows } = await sql<{ n: number }>`
        SELECT (SELECT count(*) FROM place_cell) + (SELECT count(*) FROM place_cell_week)
               + (SELECT count(*) FROM place_cell_amenity) + (SELECT count(*) FROM place_cell_pair) AS n`.execute(trx)
      expect(Number(rows[0]!.n)).toBe(0)
      await sql`INSERT INTO place (id, category, name_zh, location, amenities, opening_hours, source)
        VALUES ('cell-t', 'clinic', '截断后', ST_SetSRID(ST_MakePoint(121.5, 29.9), 4326)::geography, '{toilet}',
                '{"weekly": {"mo": [["09:00", "17:00"]]}}', 'test')`.execute(trx)
      expect(await drift(trx)).toBe(0)
    })
  })

  it("leave a caller's transaction with the parallel-worker setting it had", async () => {
    await inRolledBackTransaction(async (trx) => {
      const setting = async () =>
        (await sql<{ v: string }>`SELECT current_setting('max_parallel_workers_per_gather') AS v`.execute(trx)).rows[0]!.v
      await sql`SET LOCAL max_parallel_workers_per_gather = 3`.execute(trx)
      const query = ViewportQuery.parse({ bbox: '121.4,29.8,121.7,30.1', zoom: '12', open_now: 'true' })
      const cell = cellSize(12, query.bbox)
      expect(
        await cellsFromCounts(trx, query, Math.round(Math.log2(360 / cell)), cell, shanghai('2026-11-25T10:00'), new Map()),
      ).toBeDefined()
      expect(await setting()).toBe('3')
    })
  })

  it('give the same cells as counting the places in view, for any box and zoom that uses them', async () => {
    const { db } = await testDatabase()
    // 3,000 more places over the district, so every view has full cells and partial ones along its edges.
    await sql`INSERT INTO place (id, category, name_zh, location, source)
      SELECT 'cell-' || g, (ARRAY['caring_station', 'clinic', 'talent_apartment', 'training_base'])[1 + g % 4], '格子' || g,
             ST_SetSRID(ST_MakePoint(121.40 + (g * 7919 % 1009) * 0.0003, 29.80 + (g * 104729 % 997) * 0.0002), 4326)::geography, 'test'
        FROM generate_series(1, 3000) AS g`.execute(db)
    expect(await drift()).toBe(0)
    const box = gridBoxes({ lng: 121.3, lat: 29.7, steps: [200, 150] }, { min: 5, max: 300 })
    await fc.assert(
      fc.asyncProperty(
        box,
        fc.integer({ min: 6, max: 14 }),
        fc.constantFrom(undefined, 'clinic', 'caring_station,training_base'),
        async (bbox, zoom, category) => {
          const query = ViewportQuery.parse({ bbox, zoom: String(zoom), ...(category ? { category } : {}) })
          const cell = cellSize(zoom, query.bbox)
          const level = Math.round(Math.log2(360 / cell))
          const now = shanghai('2026-11-25T10:00')
          const kept = await cellsFromCounts(db, query, level, cell, now, new Map())
          if (!kept) return
          const live = await cellsInView(db, query, cell, now, new Map())
          const key = (c: { gx: number; gy: number; count: number; id: string }) =>
            `${c.gx},${c.gy}:${c.count}:${c.count === 1 ? c.id : ''}`
          expect(kept.map(key).sort()).toEqual(live.map(key).sort())
        },
      ),
      { numRuns: 40 },
    )
  })
})
