import { CompiledQuery, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { NO_HOLIDAYS } from '../../api/domain/opening-hours.js'
import { placesQuery } from '../../api/queries/places.js'
import { PlacesQuery } from '../../api/schemas/places-query.js'
import { inRolledBackTransaction, shanghai, testDatabase } from '../helpers/test-db.js'

describe('the nearest query', () => {
  // The 20,000-place fill also feeds the map's kept cell counts and two position indexes: on a loaded machine it
  // outlasts the default 30 s.
  it('walks the GiST index in distance order (KNN), with filters, instead of sorting the table', {
    timeout: 180_000,
  }, async () => {
    const { db } = await testDatabase()
    let plan = ''
    // 2,000 extra places (15 × the sample; the plan is already KNN at 1,000 on PGlite and PostgreSQL) in a
    // transaction that is rolled back, with statistics, so the planner sees a real table.
    await inRolledBackTransaction(async (trx) => {
      // Filling 2,000 places (with their search index entries) can outlast the pool's 5 s limit on a loaded machine.
      await sql`SET LOCAL statement_timeout = '120s'`.execute(trx)
      await sql`INSERT INTO place (id, category, name_zh, location, amenities, opening_hours, source)
          SELECT 'explain-' || g, 'caring_station', '站点' || g,
                 ST_SetSRID(ST_MakePoint(121.40 + (g % 173) * 0.0015, 29.85 + (g % 131) * 0.0015), 4326)::geography,
                 CASE WHEN g % 3 = 0 THEN ARRAY['drinking_water', 'meal_heating'] ELSE ARRAY['wifi'] END,
                 '{"weekly": {"we": [["08:00", "20:00"]]}}'::jsonb, 'test'
            FROM generate_series(1, 2000) AS g`.execute(trx)
      await sql`ANALYZE place`.execute(trx)
      const filters = PlacesQuery.parse({
        lat: '29.884',
        lng: '121.556',
        amenity: 'drinking_water,meal_heating',
        open_now: 'true',
        limit: '10',
      })
      const compiled = placesQuery(trx, filters, shanghai('2026-11-25T10:00'), NO_HOLIDAYS).compile()
      const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN ${compiled.sql}`, [...compiled.parameters]),
      )
      plan = result.rows.map((r) => r['QUERY PLAN']).join('\n')
    })
    expect(plan, plan).toMatch(/Index Scan using place_location_gist on place/)
    expect(plan).toMatch(/Order By: \(location <-> /)
    expect(plan).not.toMatch(/Seq Scan on place/)
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM place WHERE id LIKE 'explain-%'`.execute(db)
    expect(Number(rows[0]!.n)).toBe(0)
  })
})
