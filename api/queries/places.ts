import { sql, type SelectQueryBuilder } from 'kysely'
import type { Db, Place } from '../db/schema.js'
import { needsIn } from '../domain/need-words.js'
import type { HolidayCalendar } from '../domain/opening-hours.js'
import type { PlacesQuery } from '../schemas/places-query.js'
import { insideBbox } from './bbox.js'
import { geographyPoint } from './place-rows.js'
import { buildPlaceState, placeStateAt, placeStateValues, type PlaceState } from './place-state.js'
import { statementTemplates } from './statement-template.js'

/** The columns that do not depend on the instant, built once per database (Kysely builders are immutable). */
const placeColumns = new WeakMap<Db, ReturnType<typeof selectPlaceColumns>>()
function selectPlaceColumns(db: Db) {
  return db
    .selectFrom('place as p')
    .leftJoin('area as a', 'a.code', 'p.area_code')
    .where('p.deleted_at', 'is', null)
    .select([
      'p.id',
      'p.category',
      'p.name_zh',
      'p.name_en',
      'p.address_zh',
      'p.address_en',
      'p.area_code',
      'a.name_zh as area_name_zh',
      'a.name_en as area_name_en',
      'p.phone',
      'p.amenities',
      'p.opening_hours',
      'p.staffed_hours',
      'p.access',
      'p.amenity_status',
      'p.status',
      'p.status_reason',
      sql<string | null>`p.status_until::text`.as('status_until'),
      'p.last_verified_at',
      'p.last_confirmed_at',
      'p.lng',
      'p.lat',
    ])
}

export function basePlaces(db: Db, now: Date, calendar: HolidayCalendar) {
  return placesWithState(db, placeStateAt(now, calendar))
}

function placesWithState(db: Db, state: PlaceState) {
  let columns = placeColumns.get(db)
  if (!columns) placeColumns.set(db, (columns = selectPlaceColumns(db)))
  return columns.select([state.openNow.as('open_now'), state.likelyClosed.as('likely_closed')])
}

/** The filters, plus for `q=` the codes of the areas whose names contain it when already read (matchingAreas). */
export type PlaceFilters = Pick<PlacesQuery, 'category' | 'amenity' | 'open_now' | 'q' | 'bbox'> & { qAreas?: readonly string[] }

/** Codes of the areas (streets/towns: a small table) whose names contain the needle. */
export async function matchingAreas(db: Db, query: string): Promise<string[]> {
  const needle = query.toLowerCase()
  const rows = await db
    .selectFrom('area')
    .where(sql<boolean>`strpos(lower(name_zh || ' ' || name_en), ${needle}) > 0`)
    .select('code')
    .execute()
  return rows.map((r) => r.code)
}

/**
 * `q=`: the needle is a substring of the place's names/address or of its area's names. The GIN index on the
 * character pairs (migration 0030) finds the candidates, strpos keeps the exact ones. The matching areas are best
 * read first (`areas`): as constants the planner estimates them, and with none the predicate is the index alone; a
 * subquery instead gets a default estimate that can make a rare needle look common.
 */
export function textMatch(query: string, areas?: readonly string[]) {
  const needle = query.toLowerCase()
  const text = sql<boolean>`(search_grams(p.search_text) @> search_needle_grams(${needle}) AND strpos(p.search_text, ${needle}) > 0)`
  // "厕所", "water", "clinic": a need word also finds every place with that facility or of that kind.
  const needs = needsIn(query)
  const byAmenity = needs.amenities.length ? sql<boolean>` OR p.amenities && ${sql.val(needs.amenities)}::text[]` : sql``
  const byCategory = needs.categories.length ? sql<boolean>` OR p.category = ANY(${sql.val(needs.categories)}::text[])` : sql``
  const own = sql<boolean>`(${text}${byAmenity}${byCategory})`
  if (areas === undefined)
    return sql<boolean>`(${own} OR p.area_code = ANY (ARRAY(SELECT code FROM area WHERE strpos(lower(name_zh || ' ' || name_en), ${needle}) > 0)))`
  if (areas.length === 0) return own
  return sql<boolean>`(${own} OR p.area_code = ANY (${sql.val(areas)}::text[]))`
}

/** Resolves `q=`'s areas up front (see textMatch). */
export async function withAreas<F extends PlaceFilters>(db: Db, filters: F): Promise<F> {
  return filters.q && !filters.qAreas ? { ...filters, qAreas: await matchingAreas(db, filters.q) } : filters
}

/**
 * The filters as WHERE clauses on any select from `place AS p` (with its area joined or not): the rows it selects
 * stay as they are. Written as SQL over `p`, so one function serves every such query without a cast. `indexed`:
 * the amenity and open-now filters written over the covering index of migration 0040 (same rows selected), for a
 * query that reads no other column and can then be an index-only scan (on ordinary days: see placeStateAt).
 */
export function applyFilters<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  filters: PlaceFilters,
  now: Date,
  calendar: HolidayCalendar,
  { indexed = false } = {},
): SelectQueryBuilder<DB, TB, O> {
  return applyFiltersWith(query, filters.open_now, filters, placeStateAt(now, calendar), indexed)
}

/** The filters' values (each may be absent). */
type FilterValues = { [K in keyof Omit<PlaceFilters, 'open_now'>]?: PlaceFilters[K] | undefined }

/**
 * applyFilters over a built state. The list's values only go into the SQL (a statement template may hold slots for
 * them); open now's value chooses the SQL, so it comes apart, as a plain boolean.
 */
function applyFiltersWith<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  openNowIs: boolean | undefined,
  filters: FilterValues,
  state: PlaceState,
  indexed: boolean,
): SelectQueryBuilder<DB, TB, O> {
  let q = query
  const { openNow, hasWorkingAmenities } = indexed ? state.indexed : state
  if (filters.category) q = q.where(sql<boolean>`${sql.ref('p.category')} = ANY(${sql.val(filters.category)}::text[])`)
  if (filters.amenity) q = q.where(hasWorkingAmenities(filters.amenity))
  if (openNowIs !== undefined) q = q.where(openNowIs ? sql<boolean>`${openNow} IS TRUE` : sql<boolean>`${openNow} IS NOT TRUE`)
  if (filters.q) q = q.where(textMatch(filters.q, filters.qAreas))
  if (filters.bbox) q = q.where(insideBbox(sql.ref('p.location'), filters.bbox, { lng: sql.ref('p.lng'), lat: sql.ref('p.lat') }))
  return q
}

/** A place as the list query selects it (the columns of `basePlaces`). */
export type PlaceSummaryRow = Pick<
  Place,
  | 'id'
  | 'category'
  | 'name_zh'
  | 'name_en'
  | 'address_zh'
  | 'address_en'
  | 'area_code'
  | 'phone'
  | 'amenities'
  | 'opening_hours'
  | 'staffed_hours'
  | 'access'
  | 'amenity_status'
  | 'last_confirmed_at'
  | 'status'
  | 'status_reason'
  | 'status_until'
  | 'last_verified_at'
> & {
  area_name_zh: string | null
  area_name_en: string | null
  lng: number
  lat: number
  open_now: boolean | null
  /** The public's recent "closed" outweighs "open" (open_now is then false). */
  likely_closed: boolean
  /** Metres from the query point (sphere distance, as the KNN index orders). */
  distance?: number
}

/**
 * Places matching the filters, nearest first when `lat`/`lng` are given (GiST KNN via `<->`), else by id.
 * Fetches one row more than `limit` so the caller knows whether there is a next page. The nearest query orders
 * by distance alone: a second sort key stops PostgreSQL 15 from walking the GiST index in distance order.
 * `atDistance` instead selects every place at exactly that distance (a tie group; see findPlaces).
 */
export function placesQuery(
  db: Db,
  filters: PlacesQuery & PlaceFilters,
  now: Date,
  calendar: HolidayCalendar,
  atDistance?: number,
) {
  const values = placesValues(filters, now, calendar, atDistance)
  return buildPlacesQuery(db, placesShape(filters, values), values, placeStateAt(now, calendar))
}

/** The values a places query places in its SQL; an absent one leaves its part out. */
function placesValues(filters: PlacesQuery & PlaceFilters, now: Date, calendar: HolidayCalendar, atDistance?: number) {
  const { cursor } = filters
  return {
    state: placeStateValues(now, calendar),
    filters: {
      category: filters.category,
      amenity: filters.amenity,
      q: filters.q,
      qAreas: filters.qAreas,
      bbox: filters.bbox,
    },
    near: filters.lat !== undefined && filters.lng !== undefined ? { lat: filters.lat, lng: filters.lng } : undefined,
    radius: filters.radius,
    after: cursor ? { distance: 'd' in cursor ? cursor.d : undefined, id: cursor.id } : undefined,
    fetch: filters.limit + 1,
    tie: atDistance === undefined ? undefined : { distance: atDistance, reach: atDistance * 1.01 + 1 },
  }
}
type PlacesValues = ReturnType<typeof placesValues>

/** What chooses a places query's SQL besides which values are present: the day near a holiday, open now's value. */
interface PlacesShape {
  nearHoliday: boolean
  openNow: boolean | undefined
}
const placesShape = (filters: PlaceFilters, values: PlacesValues): PlacesShape => ({
  nearHoliday: values.state.nearHoliday,
  openNow: filters.open_now,
})

/**
 * The places query of placesQuery, over its values (which it only places in the SQL: see statement-template.ts).
 * `state`: the instant's, built once per request by placeStateAt where the values are real; over a template's
 * slots, built from them.
 */
function buildPlacesQuery(
  db: Db,
  shape: PlacesShape,
  values: PlacesValues,
  state: PlaceState = buildPlaceState(values.state, shape.nearHoliday),
) {
  const filtered = applyFiltersWith(placesWithState(db, state), shape.openNow, values.filters, state, false)
  const { near, after, tie } = values
  if (near) {
    const origin = geographyPoint(near.lng, near.lat)
    const distance = sql<number>`(p.location <-> ${origin})`
    let q = filtered
    if (values.radius !== undefined) q = q.where(sql<boolean>`ST_DWithin(p.location, ${origin}, ${values.radius}, false)`)
    if (after?.distance !== undefined)
      q = q.where(sql<boolean>`(${distance} > ${after.distance} OR (${distance} = ${after.distance} AND p.id > ${after.id}))`)
    const nearest = q.select(distance.as('distance'))
    if (tie)
      return nearest
        .where(sql<boolean>`ST_DWithin(p.location, ${origin}, ${tie.reach}, false)`)
        .where(sql<boolean>`${distance} = ${tie.distance}`)
        .orderBy('p.id')
    return nearest.orderBy(distance).limit(values.fetch)
  }
  let q = filtered
  if (after) q = q.where('p.id', '>', after.id)
  return q.orderBy('p.id').limit(values.fetch)
}

/** Templates of the places query: `q=` and `bbox=` choose their SQL by their text and size, so those are compiled. */
const placesTemplates = statementTemplates(buildPlacesQuery, (shape: PlacesShape) => `${shape.nearHoliday}|${shape.openNow}`)

/** The places query's statement: from its template, or compiled afresh for `q=` and `bbox=`. */
export function placesStatement(...[db, filters, now, calendar, atDistance]: Parameters<typeof placesQuery>) {
  const values = placesValues(filters, now, calendar, atDistance)
  const shape = placesShape(filters, values)
  if (filters.q !== undefined || filters.bbox !== undefined)
    return buildPlacesQuery(db, shape, values, placeStateAt(now, calendar)).compile()
  return placesTemplates(db, shape, values)
}

const byDistanceThenId = (a: PlaceSummaryRow, b: PlaceSummaryRow) =>
  a.distance! - b.distance! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * One page (plus one lookahead row) in a stable order: by distance, then id. The index hands out places at
 * equal distance in no fixed order, so when the page would end inside such a tie group, the whole group is
 * read (rare, and small) and served in id order, which the (distance, id) cursor continues from.
 */
export async function findPlaces(db: Db, query: PlacesQuery, now: Date, calendar: HolidayCalendar): Promise<PlaceSummaryRow[]> {
  const filters = await withAreas(db, query)
  const rows: PlaceSummaryRow[] = (await db.executeQuery(placesStatement(db, filters, now, calendar))).rows
  const lookahead = rows[filters.limit]
  if (!lookahead || lookahead.distance === undefined)
    return rows.sort(rows[0]?.distance === undefined ? () => 0 : byDistanceThenId)
  const boundary = lookahead.distance
  if (rows[filters.limit - 1]!.distance !== boundary) return rows.sort(byDistanceThenId)
  const group: PlaceSummaryRow[] = (await db.executeQuery(placesStatement(db, filters, now, calendar, boundary))).rows
  return [...rows.filter((r) => r.distance! < boundary).sort(byDistanceThenId), ...group].slice(0, filters.limit + 1)
}

/** A place with the columns of its details page. */
export type PlaceDetailRow = PlaceSummaryRow &
  Pick<
    Place,
    'description_zh' | 'description_en' | 'details' | 'source' | 'version' | 'created_at' | 'updated_at' | 'organisation_id'
  > & {
    organisation_name_zh: string | null
    organisation_name_en: string | null
  }

export async function getPlace(db: Db, id: string, now: Date, calendar: HolidayCalendar): Promise<PlaceDetailRow | undefined> {
  return await basePlaces(db, now, calendar)
    .leftJoin('organisation as o', 'o.id', 'p.organisation_id')
    .where('p.id', '=', id)
    .select([
      'p.description_zh',
      'p.description_en',
      'p.details',
      'p.source',
      'p.version',
      'p.created_at',
      'p.updated_at',
      'p.organisation_id',
      'o.name_zh as organisation_name_zh',
      'o.name_en as organisation_name_en',
    ])
    .executeTakeFirst()
}
