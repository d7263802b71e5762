import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../db/schema.js'
import { CELL_LEVELS, PAIR_LEVELS } from '../lib/viewport-grid.js'
import { AMENITY_CODES } from '../domain/amenities.js'
import type { HolidayCalendar } from '../domain/opening-hours.js'
import type { ViewportQuery } from '../schemas/viewport.js'
import { insideBbox } from './bbox.js'
import { placeStateAt } from './place-state.js'
import { type ViewportCell, withoutParallelWorkers } from './viewport.js'

type Box = readonly [number, number, number, number]
/** Far below any real distance (≈ 0.1 mm), far above floating-point error in degrees. */
const MARGIN = 1e-9

/** The cells wholly inside the box: the range of gx and gy, or null when there are none. */
export function innerCells(cell: number, [minLng, minLat, maxLng, maxLat]: Box) {
  const gx0 = Math.ceil((minLng + MARGIN) / cell)
  const gx1 = Math.floor((maxLng - MARGIN) / cell) - 1
  const gy0 = Math.ceil((minLat + MARGIN) / cell)
  const gy1 = Math.floor((maxLat - MARGIN) / cell) - 1
  return gx0 <= gx1 && gy0 <= gy1 ? { gx0, gx1, gy0, gy1 } : null
}

/**
 * The kept counts can answer: a cell size the tables keep, no text filter, and besides category either nothing
 * (place_cell, 0033), open now alone (place_cell_week, 0041), one amenity with or without open now
 * (place_cell_amenity, 0041), or two at the coarse levels (place_cell_pair, 0043). Open now on any day, holidays
 * included: the counts are kept per timetable, weekly hours and holiday rule together (0044).
 */
export function countsAnswer(query: ViewportQuery, level: number): boolean {
  if (query.q || level < CELL_LEVELS.min || level > CELL_LEVELS.max) return false
  const amenities = query.amenity?.length ?? 0
  return amenities <= 1 || (amenities === 2 && level <= PAIR_LEVELS.max)
}

/**
 * The viewport's cells from the kept counts (migrations 0033, 0041): the cells wholly inside the box read from the
 * counts, the partial cells along the four edges counted from the places there (through the two narrow position
 * indexes, so only the edge strips are read). With open now or an amenity, the places the counts leave out (their
 * own state: status, dated exceptions, amenity outages) are counted live inside the box too, and places the public
 * confirmed in the last 24 hours are weighed as the list weighs them. Exactly what cellsInView would count, at a
 * cost that does not grow with the number of places in view. Single-place cells get their place's id from one more
 * lookup. Only for a query countsAnswer accepts.
 */
export async function cellsFromCounts(
  db: Db,
  query: ViewportQuery,
  level: number,
  cell: number,
  now: Date,
  calendar: HolidayCalendar,
): Promise<ViewportCell[] | undefined> {
  const inner = innerCells(cell, query.bbox)
  if (!inner) return undefined
  return await withoutParallelWorkers(db, (db) => countedCells(db, query, level, cell, now, calendar, inner))
}

async function countedCells(
  db: Db,
  query: ViewportQuery,
  level: number,
  cell: number,
  now: Date,
  calendar: HolidayCalendar,
  { gx0, gx1, gy0, gy1 }: NonNullable<ReturnType<typeof innerCells>>,
): Promise<ViewportCell[]> {
  const [minLng, minLat, maxLng, maxLat] = query.bbox
  const state = placeStateAt(now, calendar)
  const amenities = query.amenity ?? []
  const open = query.open_now
  const categories = query.category ? sql`AND category = ANY(${sql.val(query.category)}::text[])` : sql``
  // The filters as the list writes them, over the places' own columns: what the live parts select.
  const where = (form: Pick<typeof state, 'openNow' | 'hasWorkingAmenities'>) => sql`${categories}
    ${amenities.length ? sql`AND ${form.hasWorkingAmenities(amenities)}` : sql``}
    ${open === undefined ? sql`` : open ? sql`AND ${form.openNow} IS TRUE` : sql`AND ${form.openNow} IS NOT TRUE`}`
  const filters = where(state)
  // The edge strips with the forms over the covering indexes of migration 0042 (the same rows: place-state.ts).
  const stripFilters = where(state.indexed)
  const gx = sql`floor(lng / ${cell}::float8)::int`
  const gy = sql`floor(lat / ${cell}::float8)::int`
  const strip = (range: RawBuilder<unknown>, exact: RawBuilder<unknown>) =>
    sql`SELECT ${gx} AS gx, ${gy} AS gy, lng, lat, id FROM place AS p
         WHERE deleted_at IS NULL ${stripFilters} AND ${range} AND ${exact}`
  const inLng = sql`lng BETWEEN ${minLng} AND ${maxLng}`
  const inLat = sql`lat BETWEEN ${minLat} AND ${maxLat}`
  const innerLng = sql`lng BETWEEN ${gx0 * cell - MARGIN} AND ${(gx1 + 1) * cell + MARGIN}`
  const innerLat = sql`lat BETWEEN ${gy0 * cell - MARGIN} AND ${(gy1 + 1) * cell + MARGIN}`
  const edges = sql`
    SELECT gx, gy, count(*)::int AS n, sum(lng) AS sum_lng, sum(lat) AS sum_lat, min(id) AS id FROM (
      ${strip(sql`lng BETWEEN ${minLng} AND ${gx0 * cell + MARGIN} AND ${inLat}`, sql`${gx} < ${gx0}`)}
      UNION ALL ${strip(sql`lng BETWEEN ${(gx1 + 1) * cell - MARGIN} AND ${maxLng} AND ${inLat}`, sql`${gx} > ${gx1}`)}
      UNION ALL ${strip(sql`lat BETWEEN ${minLat} AND ${gy0 * cell + MARGIN} AND ${innerLng} AND ${inLng}`, sql`${gy} < ${gy0} AND ${gx} BETWEEN ${gx0} AND ${gx1}`)}
      UNION ALL ${strip(sql`lat BETWEEN ${(gy1 + 1) * cell - MARGIN} AND ${maxLat} AND ${innerLng} AND ${inLng}`, sql`${gy} > ${gy1} AND ${gx} BETWEEN ${gx0} AND ${gx1}`)}
    ) AS e GROUP BY gx, gy`
  const cellRange = sql`level = ${level} AND gx BETWEEN ${gx0} AND ${gx1} AND gy BETWEEN ${gy0} AND ${gy1} ${categories}`
  /** Places of the inner cells (exact by the cells' floor) through a partial index's predicate. */
  const innerPlaces = (sign: number, where: RawBuilder<unknown>) =>
    sql`SELECT ${gx} AS gx, ${gy} AS gy, ${sign}::int AS n, ${sign} * lng AS sum_lng, ${sign} * lat AS sum_lat FROM place AS p
         WHERE deleted_at IS NULL AND ${where} AND ${innerLng} AND ${innerLat}
           AND ${gx} BETWEEN ${gx0} AND ${gx1} AND ${gy} BETWEEN ${gy0} AND ${gy1}`
  // Open now evaluated once per distinct weekly timetable; the predicates are those of migration 0041.
  const openWeeks = sql`week = ANY(ARRAY(SELECT w.id FROM place_week AS w WHERE ${state.timetableOpen}))`
  let parts: RawBuilder<unknown>
  // One amenity's counts (0041), or a pair's (0043, bits in ascending order as kept).
  const bits = amenities.map((code) => AMENITY_CODES.indexOf(code)).sort((x, y) => x - y)
  const amenityCounts =
    bits.length === 2
      ? sql`place_cell_pair WHERE a = ${bits[0]} AND b = ${bits[1]}`
      : sql`place_cell_amenity WHERE amenity = ${bits[0]}`
  if (open !== undefined && amenities.length) {
    // Amenities and open now: per amenity (or pair) and timetable. Live: outages (any hours), own hours (no
    // outage), and the correction for public confirmations of counted places, as below.
    parts = sql`
      SELECT gx, gy, n, sum_lng, sum_lat FROM ${amenityCounts}
         AND ${cellRange} AND week <> 0 AND ${open ? openWeeks : sql`NOT ${openWeeks}`}
      UNION ALL ${innerPlaces(1, sql`amenity_status <> '{}'::jsonb ${filters}`)}
      UNION ALL ${innerPlaces(1, sql`amenity_status = '{}'::jsonb AND (status <> 'open' OR exception_dates <> '{}') ${filters}`)}
      UNION ALL ${innerPlaces(
        open ? -1 : 1,
        sql`last_confirmed_at > ${state.confirmedAfter}::timestamptz AND status = 'open' AND exception_dates = '{}'
            AND amenity_status = '{}'::jsonb AND ${state.hasWorkingAmenities(amenities)} ${categories}
            AND ${state.hoursOpen} IS TRUE AND ${state.likelyClosed}`,
      )}`
  } else if (open !== undefined) {
    parts = sql`
      SELECT gx, gy, n, sum_lng, sum_lat FROM place_cell_week WHERE ${cellRange} AND ${open ? openWeeks : sql`NOT ${openWeeks}`}
      UNION ALL ${innerPlaces(1, sql`(status <> 'open' OR exception_dates <> '{}') ${filters}`)}
      UNION ALL ${innerPlaces(
        open ? -1 : 1,
        sql`last_confirmed_at > ${state.confirmedAfter}::timestamptz AND status = 'open' AND exception_dates = '{}' ${categories}
            AND ${state.hoursOpen} IS TRUE AND ${state.likelyClosed}`,
      )}`
  } else if (amenities.length) {
    parts = sql`
      SELECT gx, gy, n, sum_lng, sum_lat FROM ${amenityCounts} AND ${cellRange}
      UNION ALL ${innerPlaces(1, sql`amenity_status <> '{}'::jsonb ${filters}`)}`
  } else parts = sql`SELECT gx, gy, n, sum_lng, sum_lat FROM place_cell WHERE ${cellRange}`
  const kept = sql`
    SELECT gx, gy, sum(n)::int AS n, sum(sum_lng) AS sum_lng, sum(sum_lat) AS sum_lat, NULL::text AS id FROM (${parts}) AS k
     GROUP BY gx, gy HAVING sum(n) > 0`
  const { rows } = await sql<{ gx: number; gy: number; n: number; sum_lng: number; sum_lat: number; id: string | null }>`
    /* planned per view */ ${edges} UNION ALL ${kept}`.execute(db)
  const cells: ViewportCell[] = rows.map((r) => ({
    gx: r.gx,
    gy: r.gy,
    count: r.n,
    lng: r.sum_lng / r.n,
    lat: r.sum_lat / r.n,
    id: r.id ?? '',
  }))
  const lonely = cells.filter((c) => c.count === 1 && !c.id)
  if (lonely.length) {
    const ids = await placesInCells(db, lonely, cell, filters)
    for (const c of lonely) c.id = ids.get(`${c.gx},${c.gy}`) ?? ''
  }
  return cells
}

/** The one live place in each of these cells (found through the GiST index, exact by the cell's floor). */
async function placesInCells(db: Db, cells: ViewportCell[], cell: number, filters: RawBuilder<unknown>) {
  const any = cells.map(
    (c) =>
      sql`(${insideBbox(sql.ref('location'), [c.gx * cell - MARGIN, c.gy * cell - MARGIN, (c.gx + 1) * cell + MARGIN, (c.gy + 1) * cell + MARGIN], { lng: sql.ref('lng'), lat: sql.ref('lat') })}
           AND floor(lng / ${cell}::float8) = ${c.gx} AND floor(lat / ${cell}::float8) = ${c.gy})`,
  )
  const { rows } = await sql<{ id: string; gx: number; gy: number }>`
    SELECT id, floor(lng / ${cell}::float8)::int AS gx, floor(lat / ${cell}::float8)::int AS gy FROM place AS p
     WHERE deleted_at IS NULL ${filters}
       AND (${sql.join(any, sql` OR `)})`.execute(db)
  return new Map(rows.map((r) => [`${r.gx},${r.gy}`, r.id]))
}
