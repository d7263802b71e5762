/**
 * The viewport's filtered cell counts read the covering index of migration 0040 (amenities as bits, open now from
 * the index's columns). Whatever is written to the places (amenities, outages, statuses, hours, confirmations,
 * moves, deletions, new places) and whatever the day (ordinary, public holiday, make-up workday, the night after a
 * holiday), the counts per cell are those of the places the list query finds in the box with the same filters.
 */
import fc from 'fast-check'
import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../api/db/schema.js'
import { AMENITY_CODES } from '../../api/domain/amenities.js'
import type { HolidayCalendar } from '../../api/domain/opening-hours.js'
import { cellSize, PAIR_LEVELS } from '../../api/lib/viewport-grid.js'
import { amenitySupersets, placeStateAt } from '../../api/queries/place-state.js'
import { cellsFromCounts, countsAnswer } from '../../api/queries/viewport-counts.js'
import { cellsInView, placesInView } from '../../api/queries/viewport.js'
import { ViewportQuery } from '../../api/schemas/viewport.js'
import { gridBoxes } from '../helpers/grid-boxes.js'
import { inRolledBackTransaction, shanghai, testDatabase } from '../helpers/test-db.js'

const WEEK = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']
const every = (from: string, to: string) => ({ weekly: Object.fromEntries(WEEK.map((d) => [d, [[from, to]]])) })
/** Every kind of hours: none, all day, daytime, overnight, office hours closed on holidays, holiday hours, exceptions. */
const HOURS = [
  null,
  every('00:00', '24:00'),
  every('08:00', '20:00'),
  every('18:00', '30:00'),
  { ...every('08:30', '17:00'), holidays: 'closed' },
  { ...every('08:00', '12:00'), holidays: [['09:00', '11:00']] },
  // The weekly hours of another kind above, with a holiday rule: another timetable (migration 0044).
  { ...every('08:00', '20:00'), holidays: 'closed' },
  // Weekly hours whose holiday rules disagree on a holiday morning (open 09:00–11:00 above, closed here).
  { ...every('08:00', '12:00'), holidays: 'closed' },
  { ...every('18:00', '30:00'), holidays: [['20:00', '27:00']] },
  { ...every('08:00', '20:00'), exceptions: [{ date: '2026-11-25', intervals: [] }] },
  { ...every('20:00', '22:00'), exceptions: [{ date: '2026-10-01', intervals: [['09:00', '12:00']] }] },
  { weekly: {} },
]
const SOME = ['drinking_water', 'meal_heating', 'wifi', 'toilet']

/** 1,500 places over a small district, with every kind of hours, status, amenity set and outage. */
async function insertPlaces(trx: Kysely<Database>) {
  await sql`INSERT INTO place (id, category, name_zh, location, amenities, opening_hours, status, status_until, amenity_status, source)
    SELECT 'vf-' || g,
           (ARRAY['caring_station', 'clinic', 'talent_apartment', 'training_base'])[1 + g % 4],
           '视口筛选' || g,
           ST_SetSRID(ST_MakePoint(121.50 + (g * 7919 % 1009) * 0.0001, 29.90 + (g * 104729 % 997) * 0.0001), 4326)::geography,
           ARRAY(SELECT a FROM unnest(${sql.val(SOME)}::text[]) WITH ORDINALITY AS s(a, i) WHERE ((g / 3) >> (i::int - 1)) & 1 = 1),
           (${JSON.stringify(HOURS)}::jsonb) -> (g % ${HOURS.length}),
           CASE WHEN g % 23 = 0 THEN 'closed' WHEN g % 19 = 0 THEN 'temporarily_closed' ELSE 'open' END,
           CASE WHEN g % 38 = 0 THEN '2026-11-01'::date WHEN g % 57 = 0 THEN '2026-12-31'::date END,
           CASE WHEN g % 11 = 0 THEN '{"meal_heating": {"status": "out_of_order", "until": "2026-12-01"}}'::jsonb
                WHEN g % 13 = 0 THEN '{"drinking_water": {"status": "out_of_order"}, "wifi": {"status": "out_of_order", "until": "2026-10-01"}}'::jsonb
                ELSE '{}'::jsonb END,
           'test'
      FROM generate_series(1, 1500) AS g`.execute(trx)
}

async function calendarOf(trx: Kysely<Database>): Promise<HolidayCalendar> {
  const rows = await trx
    .selectFrom('holiday_calendar')
    .select([sql<string>`date::text`.as('date'), 'kind'])
    .execute()
  return new Map(rows.map((r) => [r.date, r.kind]))
}

// Boxes on the 0.002° location grid over the test places and beyond.
const bbox = gridBoxes({ lng: 121.48, lat: 29.88, steps: [60, 60] }, { min: 1, max: 80 })
const filters = fc.record(
  {
    category: fc.constantFrom('clinic', 'caring_station,training_base'),
    amenity: fc.constantFrom('drinking_water', 'meal_heating', 'drinking_water,meal_heating', 'wifi,toilet,meal_heating'),
    open_now: fc.constantFrom('true', 'false'),
  },
  { requiredKeys: [] },
)
/** An ordinary Wednesday, a public holiday, the small hours after one, a make-up workday. */
const INSTANTS = ['2026-11-25T10:00', '2026-10-01T10:00', '2026-10-08T01:30', '2026-09-20T09:00', '2026-11-25T19:30']

/**
 * The index's open now (place_open_now_filter, migrations 0040 and 0044) is true exactly where the list's is, for
 * every test place at every instant: on a holiday it decides places with a holiday rule by their weekly hours where
 * the kept timetables agree, and reads the hours of the rest.
 */
async function openNowAgrees(trx: Kysely<Database>, calendar: HolidayCalendar) {
  for (const at of INSTANTS) {
    const state = placeStateAt(shanghai(at), calendar)
    const { rows } = await sql<{ places: number; differ: number }>`
      SELECT count(*)::int AS places,
             count(*) FILTER (WHERE ${state.openNow} IS TRUE IS DISTINCT FROM ${state.indexed.openNow})::int AS differ
        FROM place AS p WHERE p.id LIKE 'vf-%'`.execute(trx)
    expect(rows[0]!.places, at).toBeGreaterThan(1000)
    expect(rows[0]!.differ, at).toBe(0)
  }
}

/** The list's places grouped into cells of `cell` degrees: count, and the first id (the only one when count is 1). */
function grouped(listed: readonly { id: string; lng: number; lat: number }[], cell: number) {
  const expected = new Map<string, { count: number; id: string }>()
  for (const p of listed) {
    const key = `${Math.floor(p.lng / cell)},${Math.floor(p.lat / cell)}`
    const c = expected.get(key)
    if (c) c.count++
    else expected.set(key, { count: 1, id: p.id })
  }
  return expected
}

/** Cells of the filtered viewport equal the list query's places grouped into the same cells, for random views. */
async function agrees(trx: Kysely<Database>, runs: number) {
  const calendar = await calendarOf(trx)
  await openNowAgrees(trx, calendar)
  await fc.assert(
    fc.asyncProperty(bbox, fc.integer({ min: 8, max: 16 }), filters, fc.constantFrom(...INSTANTS), async (box, zoom, f, at) => {
      const query = ViewportQuery.parse({ bbox: box, zoom: String(zoom), ...f })
      const now = shanghai(at)
      const cell = cellSize(zoom, query.bbox)
      const cells = await cellsInView(trx, query, cell, now, calendar, { indexed: true })
      const listed = await placesInView(trx, query, 100_000, now, calendar)
      const got = new Map(cells.map((c) => [`${c.gx},${c.gy}`, { count: c.count, id: c.id }]))
      expect(got).toEqual(grouped(listed, cell))
    }),
    { numRuns: runs, seed: 4040 },
  )
  await countsAgree(trx, calendar, runs)
}

/**
 * Ordinary instants (morning, evening, the small hours), a public holiday (morning and evening), the small hours
 * after one, a make-up workday: the counts answer open now on each (migration 0044).
 */
const COUNTED_INSTANTS = [
  '2026-11-25T10:00',
  '2026-11-25T19:30',
  '2026-11-25T23:30',
  '2026-10-01T10:00',
  '2026-10-01T21:00',
  '2026-10-08T01:30',
  '2026-09-20T09:00',
]

/**
 * One filter besides category, or one amenity with open now: what the kept counts of migrations 0033 and 0041
 * answer (with live remainders).
 */
const singleFilters = fc.record(
  {
    category: fc.constantFrom('clinic', 'caring_station,training_base'),
    one: fc.constantFrom<Record<string, string>>(
      { open_now: 'true' },
      { open_now: 'false' },
      { amenity: 'drinking_water' },
      { amenity: 'meal_heating' },
      { amenity: 'wifi' },
      { amenity: 'drinking_water', open_now: 'true' },
      { amenity: 'meal_heating', open_now: 'false' },
      { amenity: 'drinking_water,meal_heating', open_now: 'true' },
      { amenity: 'wifi,toilet' },
    ),
  },
  { requiredKeys: ['one'] },
)

/**
 * For one query and instant: countsAnswer takes it exactly when it should (two amenities only at the coarse
 * levels), and then the kept counts give the list's places grouped into cells (ids of single-place cells included)
 * at the mean positions counting gives. True when the counts answered.
 */
async function countsMatch(trx: Kysely<Database>, query: ViewportQuery, now: Date, calendar: HolidayCalendar) {
  const cell = cellSize(query.zoom, query.bbox)
  const level = Math.round(Math.log2(360 / cell))
  // Two amenities are kept per pair at the coarse levels only (migrations 0043, 0044).
  const pairTooFine = (query.amenity?.length ?? 0) === 2 && level > PAIR_LEVELS.max
  expect(countsAnswer(query, level)).toBe(!pairTooFine)
  if (!countsAnswer(query, level)) return false
  const kept = await cellsFromCounts(trx, query, level, cell, now, calendar)
  if (!kept) return false
  const listed = await placesInView(trx, query, 100_000, now, calendar)
  // Ids matter for single-place cells only (a cluster shows its count and position).
  const single = (c: { count: number; id: string }) => ({ count: c.count, id: c.count === 1 ? c.id : '' })
  const expected = new Map([...grouped(listed, cell)].map(([k, c]) => [k, single(c)]))
  expect(new Map(kept.map((c) => [`${c.gx},${c.gy}`, single(c)]))).toEqual(expected)
  const live = new Map((await cellsInView(trx, query, cell, now, calendar)).map((c) => [`${c.gx},${c.gy}`, c]))
  for (const c of kept) {
    const l = live.get(`${c.gx},${c.gy}`)!
    expect(Math.abs(c.lng - l.lng) + Math.abs(c.lat - l.lat)).toBeLessThan(1e-9)
  }
  return true
}

/**
 * The viewport's cells from the kept counts equal the list query's places grouped into the same cells (ids of
 * single-place cells included), with the same mean positions as counting the places in view, on ordinary days
 * and near public holidays.
 */
async function countsAgree(trx: Kysely<Database>, calendar: HolidayCalendar, runs: number) {
  const answered = new Set<string>()
  await fc.assert(
    fc.asyncProperty(
      bbox,
      fc.integer({ min: 10, max: 14 }),
      singleFilters,
      fc.constantFrom(...COUNTED_INSTANTS),
      async (box, zoom, f, at) => {
        const query = ViewportQuery.parse({
          bbox: box,
          zoom: String(zoom),
          ...(f.category ? { category: f.category } : {}),
          ...f.one,
        })
        if (await countsMatch(trx, query, shanghai(at), calendar))
          answered.add(
            `${f.category ? 'category + ' : ''}${(f.one.amenity ?? '').includes(',') ? 'pair + ' : ''}${Object.keys(f.one).join()}`,
          )
      },
    ),
    { numRuns: runs * 4, seed: 4041 },
  )
  // Every kind of filter went through the counts at least once (in the first, longest round of checks; the
  // shorter ones after each kind of write see most of them).
  if (runs >= 40)
    expect([...answered].filter((kind) => !kind.includes('pair')).sort()).toEqual([
      'amenity',
      'amenity,open_now',
      'category + amenity',
      'category + amenity,open_now',
      'category + open_now',
      'open_now',
    ])
}

describe('viewport counts with amenity and open-now filters', () => {
  it('amenity bits follow the vocabulary of api/domain/amenities.ts, bit i for the i-th code', async () => {
    const { db } = await testDatabase()
    const { rows } = await sql<{ code: string; bits: number }>`
      SELECT code, amenity_bits(ARRAY[code]) AS bits FROM unnest(${sql.val([...AMENITY_CODES])}::text[]) AS code`.execute(db)
    expect(rows).toEqual(AMENITY_CODES.map((code, i) => ({ code, bits: 1 << i })))
    const all = await sql<{
      bits: number
    }>`SELECT amenity_bits(${sql.val([...AMENITY_CODES, 'not_a_code'])}::text[]) AS bits`.execute(db)
    expect(all.rows[0]!.bits).toBe((1 << AMENITY_CODES.length) - 1)
    // Supersets: every mask holding both bits, once.
    const sets = amenitySupersets(['drinking_water', 'meal_heating'])
    expect(sets).toHaveLength(1 << (AMENITY_CODES.length - 2))
    expect(new Set(sets).size).toBe(sets.length)
    expect(sets.every((s) => (s & 0b1000010) === 0b1000010)).toBe(true)
  })

  it('equal the list query in random views, on ordinary days and holidays, after every kind of write', async () => {
    await inRolledBackTransaction(async (trx) => {
      await insertPlaces(trx)
      await agrees(trx, 40)

      // Amenities added and removed; outages set, lapsed, cleared.
      await sql`UPDATE place SET amenities = array_append(amenities, 'meal_heating') WHERE id LIKE 'vf-%' AND NOT ('meal_heating' = ANY(amenities)) AND substr(id, 4)::int % 5 = 0`.execute(
        trx,
      )
      await sql`UPDATE place SET amenities = array_remove(amenities, 'drinking_water') WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 7 = 1`.execute(
        trx,
      )
      await sql`UPDATE place SET amenity_status = '{"drinking_water": {"status": "out_of_order", "until": "2026-11-25"}}'
                 WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 9 = 2`.execute(trx)
      await sql`UPDATE place SET amenity_status = '{}' WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 11 = 0 AND substr(id, 4)::int % 2 = 0`.execute(
        trx,
      )
      await agrees(trx, 15)

      // Statuses and hours changed.
      await sql`UPDATE place SET status = 'temporarily_closed', status_until = '2026-11-25' WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 17 = 3`.execute(
        trx,
      )
      await sql`UPDATE place SET status = 'open', status_until = NULL WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 23 = 0 AND substr(id, 4)::int % 2 = 1`.execute(
        trx,
      )
      await sql`UPDATE place SET opening_hours = ${JSON.stringify({ ...every('06:00', '11:00'), holidays: 'closed' })}::jsonb
                 WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 10 = 4`.execute(trx)
      await sql`UPDATE place SET opening_hours = NULL WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 31 = 5`.execute(trx)
      // The holiday rule alone changed (the weekly hours kept): the place moves to another timetable.
      await sql`UPDATE place SET opening_hours = opening_hours || '{"holidays": [["10:00", "14:00"]]}'
                 WHERE id LIKE 'vf-%' AND opening_hours IS NOT NULL AND substr(id, 4)::int % 13 = 6`.execute(trx)
      await sql`UPDATE place SET opening_hours = opening_hours - 'holidays'
                 WHERE id LIKE 'vf-%' AND opening_hours ? 'holidays' AND substr(id, 4)::int % 7 = 3`.execute(trx)
      await agrees(trx, 15)

      // Public confirmations that make places likely closed (as insertConfirmation writes them: the row, then the
      // place's last_confirmed_at), some answered by a staff verification after them.
      const ids = (
        await sql<{ id: string }>`SELECT id FROM place WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 8 = 0 ORDER BY id`.execute(
          trx,
        )
      ).rows
      for (const [i, { id }] of ids.slice(0, 80).entries()) {
        const at = shanghai(i % 4 ? '2026-11-25T09:50' : '2026-11-25T09:20')
        await sql`INSERT INTO place_confirmation (place_id, kind, created_at) VALUES (${id}, ${i % 5 ? 'closed' : 'open'}, ${at})`.execute(
          trx,
        )
        await sql`UPDATE place SET last_confirmed_at = greatest(last_confirmed_at, ${at}::timestamptz) WHERE id = ${id}`.execute(
          trx,
        )
      }
      await sql`UPDATE place SET last_verified_at = ${shanghai('2026-11-25T09:55')} WHERE id IN (${sql.join(ids.slice(0, 20).map((r) => r.id))})`.execute(
        trx,
      )
      const likelyClosed = await placesInView(
        trx,
        ViewportQuery.parse({ bbox: '121.48,29.88,121.62,30.02', zoom: '12', open_now: 'false' }),
        100_000,
        shanghai('2026-11-25T10:00'),
        new Map(),
      )
      expect(likelyClosed.filter((p) => p.likely_closed).length).toBeGreaterThan(10)
      // The likely-closed places through the counts of one amenity (or a pair: kept at the coarse levels only,
      // so at zoom 14 the index answers) with open now, both ways, over the whole area.
      for (const open_now of ['true', 'false'])
        for (const zoom of ['10', '14'])
          for (const amenity of ['meal_heating', 'meal_heating,drinking_water']) {
            const query = ViewportQuery.parse({ bbox: '121.4,29.8,121.7,30.1', zoom, amenity, open_now })
            const counted = await countsMatch(trx, query, shanghai('2026-11-25T10:00'), new Map())
            expect(counted).toBe(!amenity.includes(',') || zoom === '10')
          }
      await agrees(trx, 15)

      // Moves, deletions (soft and hard), new places.
      await sql`UPDATE place SET location = ST_SetSRID(ST_MakePoint(lng + 0.013, lat - 0.007), 4326)::geography WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 6 = 1`.execute(
        trx,
      )
      await sql`UPDATE place SET deleted_at = now() WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 12 = 7`.execute(trx)
      await sql`DELETE FROM place WHERE id LIKE 'vf-%' AND substr(id, 4)::int % 25 = 9
                  AND NOT EXISTS (SELECT 1 FROM place_confirmation c WHERE c.place_id = place.id)`.execute(trx)
      await sql`INSERT INTO place (id, category, name_zh, location, amenities, opening_hours, source)
        SELECT 'vf-new-' || g, 'caring_station', '新' || g,
               ST_SetSRID(ST_MakePoint(121.52 + g * 0.0003, 29.93 + g * 0.0002), 4326)::geography,
               ARRAY['drinking_water', 'meal_heating'], ${JSON.stringify(every('00:00', '24:00'))}::jsonb, 'test'
          FROM generate_series(1, 200) AS g`.execute(trx)
      await agrees(trx, 15)
    })
  })
})
