import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../db/schema.js'
import { BAND_LEVELS, CELL_LEVELS, PAIR_LEVELS } from '../lib/viewport-grid.js'
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
  const stripFilters = where(state.indexedWith(sql`timetable`))
  // Around the inner cells, the bands of finer kept cells wholly inside the view (up to BAND_LEVELS finer: a quarter
  // of a cell at most is left at each edge), so the strips counted place by place are that much thinner.
  const fine = Math.min(level + BAND_LEVELS, amenities.length === 2 ? PAIR_LEVELS.max : CELL_LEVELS.max)
  const shift = fine - level
  const fineCell = cell / 2 ** shift
  const f = innerCells(fineCell, query.bbox)!
  const gx = sql`floor(lng / ${cell}::float8)::int`
  const gy = sql`floor(lat / ${cell}::float8)::int`
  const fgx = sql`floor(lng / ${fineCell}::float8)::int`
  const fgy = sql`floor(lat / ${fineCell}::float8)::int`
  const strip = (range: RawBuilder<unknown>, exact: RawBuilder<unknown>) =>
    sql`SELECT ${gx} AS gx, ${gy} AS gy, 1 AS n, lng AS sum_lng, lat AS sum_lat, id FROM place AS p
         WHERE deleted_at IS NULL ${stripFilters} AND ${range} AND ${exact}`
  const inLng = sql`lng BETWEEN ${minLng} AND ${maxLng}`
  const inLat = sql`lat BETWEEN ${minLat} AND ${maxLat}`
  const innerLng = sql`lng BETWEEN ${f.gx0 * fineCell - MARGIN} AND ${(f.gx1 + 1) * fineCell + MARGIN}`
  const innerLat = sql`lat BETWEEN ${f.gy0 * fineCell - MARGIN} AND ${(f.gy1 + 1) * fineCell + MARGIN}`
  const edges = sql`
      ${strip(sql`lng BETWEEN ${minLng} AND ${f.gx0 * fineCell + MARGIN} AND ${inLat}`, sql`${fgx} < ${f.gx0}`)}
      UNION ALL ${strip(sql`lng BETWEEN ${(f.gx1 + 1) * fineCell - MARGIN} AND ${maxLng} AND ${inLat}`, sql`${fgx} > ${f.gx1}`)}
      UNION ALL ${strip(sql`lat BETWEEN ${minLat} AND ${f.gy0 * fineCell + MARGIN} AND ${innerLng} AND ${inLng}`, sql`${fgy} < ${f.gy0} AND ${fgx} BETWEEN ${f.gx0} AND ${f.gx1}`)}
      UNION ALL ${strip(sql`lat BETWEEN ${(f.gy1 + 1) * fineCell - MARGIN} AND ${maxLat} AND ${innerLng} AND ${inLng}`, sql`${fgy} > ${f.gy1} AND ${fgx} BETWEEN ${f.gx0} AND ${f.gx1}`)}`
  // The kept cells: the inner cells at the view's level, then the bands of finer cells (gx, gy mapped to the view's).
  const scale = 2 ** shift
  const [cx0, cx1, cy0, cy1] = [gx0 * scale, (gx1 + 1) * scale - 1, gy0 * scale, (gy1 + 1) * scale - 1]
  const rects = [
    { level, shift: 0, gx: [gx0, gx1], gy: [gy0, gy1] },
    { level: fine, shift, gx: [f.gx0, cx0 - 1], gy: [f.gy0, f.gy1] },
    { level: fine, shift, gx: [cx1 + 1, f.gx1], gy: [f.gy0, f.gy1] },
    { level: fine, shift, gx: [cx0, cx1], gy: [f.gy0, cy0 - 1] },
    { level: fine, shift, gx: [cx0, cx1], gy: [cy1 + 1, f.gy1] },
  ].filter((r) => r.gx[0]! <= r.gx[1]! && r.gy[0]! <= r.gy[1]!)
  /** Rows of a count table (with its own conditions, `and`) in the kept cells, as the view's cells. */
  const counted = (table: RawBuilder<unknown>, and: RawBuilder<unknown> = sql``) =>
    sql.join(
      rects.map(
        (r) => sql`SELECT gx >> ${r.shift} AS gx, gy >> ${r.shift} AS gy, n, sum_lng, sum_lat FROM ${table}
          WHERE level = ${r.level} AND gx BETWEEN ${r.gx[0]} AND ${r.gx[1]} AND gy BETWEEN ${r.gy[0]} AND ${r.gy[1]} ${categories} ${and}`,
      ),
      sql` UNION ALL `,
    )
  /** Places of the kept cells (exact by the finer cells' floor) through a partial index's predicate. */
  const innerPlaces = (sign: number, where: RawBuilder<unknown>) =>
    sql`SELECT ${gx} AS gx, ${gy} AS gy, ${sign}::int AS n, ${sign} * lng AS sum_lng, ${sign} * lat AS sum_lat FROM place AS p
         WHERE deleted_at IS NULL AND ${where} AND ${innerLng} AND ${innerLat}
           AND ${fgx} BETWEEN ${f.gx0} AND ${f.gx1} AND ${fgy} BETWEEN ${f.gy0} AND ${f.gy1}`
  // Open now evaluated once per distinct timetable (the query's CTE); the predicates are those of migration 0041.
  const openWeeks = sql`week = ANY(ARRAY(SELECT id FROM timetable WHERE open))`
  let parts: RawBuilder<unknown>
  // One amenity's counts (0041), or a pair's (0043, bits in ascending order as kept).
  const bits = amenities.map((code) => AMENITY_CODES.indexOf(code)).sort((x, y) => x - y)
  const [amenityTable, amenityKey] =
    bits.length === 2
      ? [sql`place_cell_pair`, sql`AND a = ${bits[0]} AND b = ${bits[1]}`]
      : [sql`place_cell_amenity`, sql`AND amenity = ${bits[0]}`]
  const openOrNot = open ? openWeeks : sql`NOT ${openWeeks}`
  if (open !== undefined && amenities.length) {
    // Amenities and open now: per amenity (or pair) and timetable. Live: outages (any hours), own hours (no
    // outage), and the correction for public confirmations of counted places, as below.
    parts = sql`
      ${counted(amenityTable, sql`${amenityKey} AND week <> 0 AND ${openOrNot}`)}
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
      ${counted(sql`place_cell_week`, sql`AND ${openOrNot}`)}
      UNION ALL ${innerPlaces(1, sql`(status <> 'open' OR exception_dates <> '{}') ${filters}`)}
      UNION ALL ${innerPlaces(
        open ? -1 : 1,
        sql`last_confirmed_at > ${state.confirmedAfter}::timestamptz AND status = 'open' AND exception_dates = '{}' ${categories}
            AND ${state.hoursOpen} IS TRUE AND ${state.likelyClosed}`,
      )}`
  } else if (amenities.length) {
    parts = sql`
      ${counted(amenityTable, amenityKey)}
      UNION ALL ${innerPlaces(1, sql`amenity_status <> '{}'::jsonb ${filters}`)}`
  } else parts = counted(sql`place_cell`)
  // A cell along the edge adds its strip's places to its band's counts; the first id, for a cell of one place
  // in a strip (one from the kept counts is looked up below).
  const { rows } = await sql<{ gx: number; gy: number; n: number; sum_lng: number; sum_lat: number; id: string | null }>`
    /* planned per view */ WITH timetable AS MATERIALIZED ${state.timetables}
    SELECT gx, gy, sum(n)::int AS n, sum(sum_lng) AS sum_lng, sum(sum_lat) AS sum_lat, min(id) AS id FROM (
      ${edges}
      UNION ALL SELECT gx, gy, n, sum_lng, sum_lat, NULL::text FROM (${parts}) AS k
    ) AS c GROUP BY gx, gy HAVING sum(n) > 0`.execute(db)
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
    const ids = await placesInCells(db, lonely, cell, query.bbox, filters)
    for (const c of lonely) c.id = ids.get(`${c.gx},${c.gy}`) ?? ''
  }
  return cells
}

/**
 * The one live place in view in each of these cells (found through the GiST index, exact by the cell's floor and
 * the cell's box cut to the view's: a cell along the edge reaches out of view).
 */
async function placesInCells(
  db: Db,
  cells: ViewportCell[],
  cell: number,
  [minLng, minLat, maxLng, maxLat]: Box,
  filters: RawBuilder<unknown>,
) {
  const any = cells.map(
    (c) =>
      sql`(${insideBbox(
        sql.ref('location'),
        [
          Math.max(c.gx * cell - MARGIN, minLng),
          Math.max(c.gy * cell - MARGIN, minLat),
          Math.min((c.gx + 1) * cell + MARGIN, maxLng),
          Math.min((c.gy + 1) * cell + MARGIN, maxLat),
        ],
        { lng: sql.ref('lng'), lat: sql.ref('lat') },
      )}
           AND floor(lng / ${cell}::float8) = ${c.gx} AND floor(lat / ${cell}::float8) = ${c.gy})`,
  )
  const { rows } = await sql<{ id: string; gx: number; gy: number }>`
    SELECT id, floor(lng / ${cell}::float8)::int AS gx, floor(lat / ${cell}::float8)::int AS gy FROM place AS p
     WHERE deleted_at IS NULL ${filters}
       AND (${sql.join(any, sql` OR `)})`.execute(db)
  return new Map(rows.map((r) => [`${r.gx},${r.gy}`, r.id]))
}
