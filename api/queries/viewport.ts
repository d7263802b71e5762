import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import type { HolidayCalendar } from '../domain/opening-hours.js'
import type { ViewportQuery } from '../schemas/viewport.js'
import { mostlyAllVisible } from './maintenance.js'
import { applyFilters, basePlaces, type PlaceFilters, type PlaceSummaryRow } from './places.js'

export interface ViewportCell {
  gx: number
  gy: number
  count: number
  /** Mean position of the places in the cell, so a cluster sits where its places are, not at a grid corner. */
  lng: number
  lat: number
  /** The place's id when the cell holds exactly one. */
  id: string
}

/** The places in view matching the filters, in id order, at most `limit` (one more tells there are more). */
export async function placesInView(
  db: Db,
  query: ViewportQuery & PlaceFilters,
  limit: number,
  now: Date,
  calendar: HolidayCalendar,
): Promise<PlaceSummaryRow[]> {
  return await applyFilters(basePlaces(db, now, calendar), query, now, calendar)
    .orderBy('p.id')
    .limit(limit)
    .execute()
}

/**
 * The places in view matching the filters, counted per grid cell of `cell` degrees, in PostGIS. Cells are fixed
 * multiples of the cell size (not relative to the box), so panning does not move clusters. Reads the generated
 * lng/lat columns (migration 0031) instead of the geography, and no place data beyond the filters: with amenity or
 * open-now filters every column it reads is in the index place_filter_idx (migration 0040).
 */
export async function cellsInView(
  db: Db,
  query: ViewportQuery & PlaceFilters,
  cell: number,
  now: Date,
  calendar: HolidayCalendar,
  forms: { indexed?: boolean } = {},
): Promise<ViewportCell[]> {
  // No join to area (no filter reads it): even an unused join stops PostgreSQL from planning an index-only scan.
  const from = db.selectFrom('place as p').where('p.deleted_at', 'is', null)
  const gx = sql<number>`floor(p.lng / ${cell}::float8)::int`
  const gy = sql<number>`floor(p.lat / ${cell}::float8)::int`
  // The box as plain lng/lat ranges (no geography test), so the narrow index of migration 0032 can answer alone.
  const [minLng, minLat, maxLng, maxLat] = query.bbox
  // Amenity and open-now filters over the covering index of migration 0040 (an index-only scan) when the visibility
  // map lets the scan skip the heap; the tests ask for those forms directly, on tables never vacuumed.
  const indexed = (query.amenity !== undefined || query.open_now !== undefined) && (forms.indexed ?? (await mostlyAllVisible(db)))
  const cells = applyFilters(from, { ...query, bbox: undefined }, now, calendar, { indexed })
    .where(sql<boolean>`p.lng BETWEEN ${minLng} AND ${maxLng} AND p.lat BETWEEN ${minLat} AND ${maxLat}`)
    .select([
      gx.as('gx'),
      gy.as('gy'),
      sql<number>`count(*)::int`.as('count'),
      sql<number>`avg(p.lng)`.as('lng'),
      sql<number>`avg(p.lat)`.as('lat'),
      sql<string>`min(p.id)`.as('id'),
    ])
    // By position: the same expressions with their own parameters would not count as the same to PostgreSQL.
    .groupBy([sql`1`, sql`2`])
  // Planned for this view's values every time, not prepared: a generic plan cannot know how many places the box
  // holds, guessed a few, and walked the position index with a heap visit per place (~500 ms at zoom 10 instead of
  // ~20 ms). A read that begins with a comment goes unnamed (api/db/connect-postgres.ts).
  return await withoutParallelWorkers(
    db,
    async (db) => (await sql<ViewportCell>`/* planned per view */ ${cells}`.execute(db)).rows,
  )
}

/**
 * Runs `read` with no parallel workers. A view's cell query reads a few thousand index entries (the edge strips of
 * the kept counts, or a zoom-14 view's places), which the planner costs high enough for a parallel plan; starting
 * and gathering the workers then took 10–60 ms of queries whose scans took 2–3 ms, on a busy 2-core machine.
 * Inside a caller's transaction the setting is put back afterwards.
 */
export async function withoutParallelWorkers<T>(db: Db, read: (db: Db) => Promise<T>): Promise<T> {
  if (!db.isTransaction)
    return await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx)
      return await read(trx)
    })
  const { rows } = await sql<{ was: string }>`
    SELECT current_setting('max_parallel_workers_per_gather') AS was, set_config('max_parallel_workers_per_gather', '0', true)`.execute(
    db,
  )
  try {
    return await read(db)
  } finally {
    await sql`SELECT set_config('max_parallel_workers_per_gather', ${rows[0]!.was}, true)`.execute(db)
  }
}

/** The list columns of these places (the cells holding one place each), in id order. */
export async function placesByIds(db: Db, ids: string[], now: Date, calendar: HolidayCalendar): Promise<PlaceSummaryRow[]> {
  if (!ids.length) return []
  return await basePlaces(db, now, calendar).where('p.id', 'in', ids).orderBy('p.id').execute()
}
