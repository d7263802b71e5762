import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../db/schema.js'
import { CELL_LEVELS } from '../lib/viewport-grid.js'
import type { ViewportQuery } from '../schemas/viewport.js'
import { insideBbox } from './bbox.js'
import type { ViewportCell } from './viewport.js'

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

/** The kept counts can answer: no filter but category, and a cell size the table keeps. */
export const countsAnswer = (query: ViewportQuery, level: number) =>
  !query.amenity && query.open_now === undefined && !query.q && level >= CELL_LEVELS.min && level <= CELL_LEVELS.max

/**
 * The viewport's cells from the kept counts (migration 0033): the cells wholly inside the box read from place_cell,
 * the partial cells along the four edges counted from the places there (through the two narrow position indexes,
 * so only the edge strips are read). Exactly what cellsInView would count, at a cost that does not grow with the
 * number of places in view. Single-place cells get their place's id from one more lookup.
 */
export async function cellsFromCounts(
  db: Db,
  query: ViewportQuery,
  level: number,
  cell: number,
): Promise<ViewportCell[] | undefined> {
  const inner = innerCells(cell, query.bbox)
  if (!inner) return undefined
  const { gx0, gx1, gy0, gy1 } = inner
  const [minLng, minLat, maxLng, maxLat] = query.bbox
  const categories = query.category ? sql`AND category = ANY(${sql.val(query.category)}::text[])` : sql``
  const gx = sql`floor(lng / ${cell}::float8)::int`
  const gy = sql`floor(lat / ${cell}::float8)::int`
  const strip = (range: RawBuilder<unknown>, exact: RawBuilder<unknown>) =>
    sql`SELECT ${gx} AS gx, ${gy} AS gy, lng, lat, id FROM place
         WHERE deleted_at IS NULL ${categories} AND ${range} AND ${exact}`
  const inLng = sql`lng BETWEEN ${minLng} AND ${maxLng}`
  const inLat = sql`lat BETWEEN ${minLat} AND ${maxLat}`
  const innerLng = sql`lng BETWEEN ${gx0 * cell - MARGIN} AND ${(gx1 + 1) * cell + MARGIN}`
  const edges = sql`
    SELECT gx, gy, count(*)::int AS n, sum(lng) AS sum_lng, sum(lat) AS sum_lat, min(id) AS id FROM (
      ${strip(sql`lng BETWEEN ${minLng} AND ${gx0 * cell + MARGIN} AND ${inLat}`, sql`${gx} < ${gx0}`)}
      UNION ALL ${strip(sql`lng BETWEEN ${(gx1 + 1) * cell - MARGIN} AND ${maxLng} AND ${inLat}`, sql`${gx} > ${gx1}`)}
      UNION ALL ${strip(sql`lat BETWEEN ${minLat} AND ${gy0 * cell + MARGIN} AND ${innerLng} AND ${inLng}`, sql`${gy} < ${gy0} AND ${gx} BETWEEN ${gx0} AND ${gx1}`)}
      UNION ALL ${strip(sql`lat BETWEEN ${(gy1 + 1) * cell - MARGIN} AND ${maxLat} AND ${innerLng} AND ${inLng}`, sql`${gy} > ${gy1} AND ${gx} BETWEEN ${gx0} AND ${gx1}`)}
    ) AS e GROUP BY gx, gy`
  const kept = sql`
    SELECT gx, gy, sum(n)::int AS n, sum(sum_lng) AS sum_lng, sum(sum_lat) AS sum_lat, NULL::text AS id FROM place_cell
     WHERE level = ${level} AND gx BETWEEN ${gx0} AND ${gx1} AND gy BETWEEN ${gy0} AND ${gy1} ${categories}
     GROUP BY gx, gy HAVING sum(n) > 0`
  const { rows } = await sql<{ gx: number; gy: number; n: number; sum_lng: number; sum_lat: number; id: string | null }>`
    ${edges} UNION ALL ${kept}`.execute(db)
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
    const ids = await placesInCells(db, lonely, cell, query.category)
    for (const c of lonely) c.id = ids.get(`${c.gx},${c.gy}`) ?? ''
  }
  return cells
}

/** The one live place in each of these cells (found through the GiST index, exact by the cell's floor). */
async function placesInCells(db: Db, cells: ViewportCell[], cell: number, categories?: readonly string[]) {
  const any = cells.map(
    (c) =>
      sql`(${insideBbox(sql.ref('location'), [c.gx * cell - MARGIN, c.gy * cell - MARGIN, (c.gx + 1) * cell + MARGIN, (c.gy + 1) * cell + MARGIN], { lng: sql.ref('lng'), lat: sql.ref('lat') })}
           AND floor(lng / ${cell}::float8) = ${c.gx} AND floor(lat / ${cell}::float8) = ${c.gy})`,
  )
  const { rows } = await sql<{ id: string; gx: number; gy: number }>`
    SELECT id, floor(lng / ${cell}::float8)::int AS gx, floor(lat / ${cell}::float8)::int AS gy FROM place
     WHERE deleted_at IS NULL ${categories ? sql`AND category = ANY(${sql.val(categories)}::text[])` : sql``}
       AND (${sql.join(any, sql` OR `)})`.execute(db)
  return new Map(rows.map((r) => [`${r.gx},${r.gy}`, r.id]))
}
