/**
 * Typed client for the public Waystation API (and reusable by the staff UI). Every call goes to the same origin;
 * failures become an ApiFailure carrying the problem+json `detail`, so screens can show a message, not a blank page.
 */
import { snapToGrid } from '../api/lib/location-grid.js'

export type CategoryCode = 'caring_station' | 'clinic' | 'talent_apartment' | 'training_base'
export type PlaceStatus = 'open' | 'temporarily_closed' | 'closed'
export type Interval = [string, string]
export type DayKey = 'mo' | 'tu' | 'we' | 'th' | 'fr' | 'sa' | 'su'

export interface OpeningHours {
  weekly: Partial<Record<DayKey, Interval[]>>
  exceptions?: Array<{ date: string; intervals: Interval[]; note_zh?: string; note_en?: string }>
  /** On a public holiday: as usual (default), closed, or these hours. */
  holidays?: 'as_usual' | 'closed' | Interval[]
}

export type AccessMethod = 'walk_in' | 'ask_staff' | 'scan_code' | 'key_from_counter'
export interface Access {
  method: AccessMethod
  note_zh?: string
  note_en?: string
}
export interface AmenityOutage {
  status: 'out_of_order'
  until?: string
  reason_zh?: string
  reason_en?: string
}
export interface ConfirmationSummary {
  open: { count: number; last_at: string | null }
  closed: { count: number; last_at: string | null }
  amenity_broken: Array<{ amenity: string; count: number; last_at: string }>
}
export interface WeekDay {
  date: string
  intervals: Interval[]
  staffed: Interval[] | null
  reason: 'exception' | 'holiday' | 'makeup_workday' | null
  holiday: { kind: 'holiday' | 'makeup_workday'; name_zh: string; name_en: string } | null
}

export interface PlaceSummary {
  category: CategoryCode
  name_zh: string
  name_en: string | null
  address_zh: string | null
  address_en: string | null
  area: { code: string; name_zh: string | null; name_en: string | null } | null
  phone: string | null
  amenities: string[]
  /** Amenities out of order now (entries lapse after their until-date). */
  amenity_status?: Record<string, AmenityOutage>
  status: PlaceStatus
  status_reason: string | null
  status_until: string | null
  open_now: boolean | null
  closes_at: string | null
  opens_at: string | null
  likely_closed?: boolean
  staffing_now?: 'staffed' | 'self_service' | null
  access?: Access | null
  confirmations?: ConfirmationSummary | null
  last_verified_at: string | null
  distance_m?: number
}

export interface PlaceDetail extends PlaceSummary {
  description_zh: string | null
  description_en: string | null
  opening_hours: OpeningHours | null
  staffed_hours?: OpeningHours | null
  week?: WeekDay[] | null
  organisation: { id: string; name_zh: string; name_en: string | null } | null
  details: Record<string, unknown>
  source: string | null
  version: number
  updated_at: string | null
}

export interface Feature<P> {
  type: 'Feature'
  id: string
  geometry: { type: 'Point'; coordinates: [number, number] }
  properties: P
}
export interface PlacePage {
  features: Array<Feature<PlaceSummary>>
  next_cursor: string | null
}
export interface Label {
  code: string
  label_zh: string
  label_en: string
  count: number
}

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

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail)
  }
}

export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } })
  } catch {
    throw new ApiFailure(0, 'network')
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null
    throw new ApiFailure(response.status, problem?.detail ?? response.statusText)
  }
  return (await response.json()) as T
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
  if (query.category?.length) params.set('category', query.category.join(','))
  if (query.amenity?.length) params.set('amenity', query.amenity.join(','))
  if (query.open_now) params.set('open_now', 'true')
  if (query.q) params.set('q', query.q)
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
  const page = await getJson<PlacePage>(`/api/v1/places?${placesSearch(query)}`, signal ? { signal } : {})
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
  getJson<Feature<PlaceDetail>>(`/api/v1/places/${encodeURIComponent(id)}`, signal ? { signal } : {})

export const fetchCategories = () => getJson<{ categories: Label[] }>('/api/v1/categories').then((r) => r.categories)
export const fetchAmenities = () => getJson<{ amenities: Label[] }>('/api/v1/amenities').then((r) => r.amenities)
