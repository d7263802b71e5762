/**
 * The typed client of the Waystation API, for the map and the staff screens. Answer types come from the API's own
 * zod schemas (api/schemas, type-only imports: nothing of the server reaches the bundle); failures become an
 * ApiFailure carrying the problem+json body, so screens can show a message, not a blank page.
 */
import type { JSONParsed } from 'hono/utils/types'
import type { z } from 'zod'
import { snapBboxOutward, snapToGrid } from '../api/lib/location-grid.js'
import type { AmenityList, CategoryList } from '../api/schemas/catalogue.js'
import type { OpeningHoursSchema } from '../api/schemas/opening-hours.js'
import type { PlaceCollection, PlaceDetailFeature } from '../api/schemas/place-feature.js'
import type { ProblemSchema, RateLimitedProblem, StaleProblem } from '../api/schemas/problem.js'
import type { ViewportAnswer } from '../api/schemas/viewport.js'

/** An answer of the API as the browser sees it: the zod output type of the route's schema, once through JSON. */
export type Answer<S extends z.ZodType> = JSONParsed<z.output<S>>

export type PlacePage = Answer<typeof PlaceCollection>
export type PlaceSummary = PlacePage['features'][number]['properties']
export type PlaceDetail = Answer<typeof PlaceDetailFeature>['properties']
/** A GeoJSON feature of the API with the given properties (summary in lists, detail for one place). */
export type Feature<P> = Omit<PlacePage['features'][number], 'properties'> & { properties: P }
export type Label = Answer<typeof CategoryList>['categories'][number] | Answer<typeof AmenityList>['amenities'][number]

export type CategoryCode = PlaceSummary['category']
export type PlaceStatus = PlaceSummary['status']
export type OpeningHours = Answer<typeof OpeningHoursSchema>
export type DayKey = keyof OpeningHours['weekly']
export type Interval = NonNullable<OpeningHours['weekly'][DayKey]>[number]
export type Access = NonNullable<PlaceSummary['access']>
export type AccessMethod = Access['method']
type AmenityStatus = PlaceSummary['amenity_status']
export type AmenityOutage = NonNullable<AmenityStatus[keyof AmenityStatus]>
export type ConfirmationSummary = NonNullable<PlaceSummary['confirmations']>
export type WeekDay = NonNullable<PlaceDetail['week']>[number]

/** What the map draws for a view: count bubbles (clusters) and the places themselves. */
export type Viewport = Answer<typeof ViewportAnswer>
export type MapCluster = Viewport['clusters'][number]
export type MapPlace = Viewport['places'][number]

export interface PlacesQuery {
  lat?: number
  lng?: number
  radius?: number
  category?: string[]
  amenity?: string[]
  open_now?: boolean
  q?: string
  limit?: number
  cursor?: string
}

/**
 * A failed call as screens see it: the problem+json body (field errors, the 412 conflicts and current version, the
 * 429 wait) with the status, or status 0 and detail 'network' when nothing came back.
 */
export type Problem = Pick<Answer<typeof ProblemSchema>, 'status' | 'detail'> &
  Partial<Pick<Answer<typeof StaleProblem>, 'errors' | 'conflicts' | 'current'>> &
  Partial<Pick<Answer<typeof RateLimitedProblem>, 'retry_after'>> & {
    /** The ETag of `current` (412). */
    etag?: string | null
  }
export type FieldConflict = NonNullable<Problem['conflicts']>[number]

export class ApiFailure extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail)
  }
  get status(): number {
    return this.problem.status
  }
}

/** Called with each successful response, for the server's clock (web/lib/clock.ts). */
let onResponse: ((response: Response) => void) | null = null
export const watchResponses = (listener: (response: Response) => void) => void (onResponse = listener)

export interface CallOptions {
  headers?: Record<string, string>
  signal?: AbortSignal
  /** Send these bytes as they are (a CSV or GeoJSON file), not the JSON of `body`. */
  raw?: { body: BodyInit; type: string }
}

/**
 * The one way the map and the staff screens reach the API (same origin, the session cookie along): JSON in, the JSON
 * answer and its ETag out; anything but 2xx becomes an ApiFailure carrying the problem body.
 */
export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<{ data: T; etag: string | null }> {
  const type = options.raw?.type ?? (body === undefined ? undefined : 'application/json')
  let res: Response
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(type ? { 'Content-Type': type } : {}), ...options.headers },
      ...(options.raw ? { body: options.raw.body } : body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch {
    throw new ApiFailure({ status: 0, detail: 'network' })
  }
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as Partial<Problem>
    throw new ApiFailure({
      ...problem,
      status: res.status,
      detail: problem.detail ?? res.statusText,
      etag: res.headers.get('etag'),
    })
  }
  onResponse?.(res)
  const data = (res.status === 204 ? null : await res.json()) as T
  return { data, etag: res.headers.get('etag') }
}

export const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> =>
  call<T>('GET', path, undefined, signal ? { signal } : {}).then((r) => r.data)

/** The list's filters, as the list and the map viewport both take them. */
function setFilters(params: URLSearchParams, query: Pick<PlacesQuery, 'category' | 'amenity' | 'open_now' | 'q'>): void {
  if (query.category?.length) params.set('category', query.category.join(','))
  if (query.amenity?.length) params.set('amenity', query.amenity.join(','))
  if (query.open_now) params.set('open_now', 'true')
  if (query.q) params.set('q', query.q)
}

export function placesSearch(query: PlacesQuery): string {
  const params = new URLSearchParams()
  if (query.lat !== undefined && query.lng !== undefined) {
    // The API answers for ≈200 m grid cells (an off-grid position costs a redirect); the precise position
    // stays on the phone and only re-measures the distances below.
    params.set('lat', snapToGrid(query.lat))
    params.set('lng', snapToGrid(query.lng))
  }
  if (query.radius !== undefined) params.set('radius', String(Math.round(query.radius)))
  setFilters(params, query)
  params.set('limit', String(query.limit ?? 100))
  if (query.cursor) params.set('cursor', query.cursor)
  return params.toString()
}

/** Great-circle metres between two WGS-84 points (spherical Earth, as the API's nearest ordering). */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

export async function fetchPlaces(query: PlacesQuery, signal?: AbortSignal): Promise<PlacePage> {
  const page = await getJson<PlacePage>(`/api/v1/places?${placesSearch(query)}`, signal)
  if (query.lat === undefined || query.lng === undefined) return page
  const here = { lat: query.lat, lng: query.lng }
  // Distances from where the person really is, not from the grid cell the server answered for.
  for (const f of page.features) {
    const [lng, lat] = f.geometry.coordinates
    f.properties.distance_m = Math.round(metresBetween(here, { lat, lng }))
  }
  page.features.sort((a, b) => a.properties.distance_m! - b.properties.distance_m!)
  return page
}

export const fetchPlace = (id: string, signal?: AbortSignal) =>
  getJson<Feature<PlaceDetail>>(`/api/v1/places/${encodeURIComponent(id)}`, signal)

export const fetchCategories = () => getJson<Answer<typeof CategoryList>>('/api/v1/categories').then((r) => r.categories)
export const fetchAmenities = () => getJson<Answer<typeof AmenityList>>('/api/v1/amenities').then((r) => r.amenities)

/** The map's view: the box on screen (WGS-84), its whole zoom, and the list's filters (no position). */
export interface ViewportQuery extends Pick<PlacesQuery, 'category' | 'amenity' | 'open_now' | 'q'> {
  bbox: readonly [minLng: number, minLat: number, maxLng: number, maxLat: number]
  zoom: number
}

/**
 * The box grown outwards to the API's 0.002° grid (an off-grid box costs a redirect), so views a few metres apart
 * share one URL (and one cached answer). The zoom and the filters; never a position of the person.
 */
export function viewportSearch(query: ViewportQuery): string {
  const [minLng, minLat, maxLng, maxLat] = query.bbox
  const clamp = (v: number, limit: number) => Math.min(limit, Math.max(-limit, v)).toFixed(6)
  const bbox = snapBboxOutward(
    [clamp(minLng, 179.99), clamp(minLat, 89.99), clamp(maxLng, 179.99), clamp(maxLat, 89.99)].join(','),
  )!
  const params = new URLSearchParams({ bbox, zoom: String(Math.round(query.zoom)) })
  setFilters(params, query)
  return params.toString().replace(/%2C/g, ',')
}

export const fetchViewport = (query: ViewportQuery, signal?: AbortSignal) =>
  getJson<Viewport>(`/api/v1/places/viewport?${viewportSearch(query)}`, signal)
