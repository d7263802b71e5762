/**
 * The places this phone has seen, kept for when the network or the API is not there: every summary fetched (by
 * id, newest wins) and the details opened, with the time they were fetched. Offline, the list, the markers and
 * a station's details come from here, and the filters apply locally. localStorage: a few hundred KB at most,
 * read once at start, and available wherever the app runs (IndexedDB is missing in some in-app browsers).
 */
import { metresBetween, type Feature, type PlaceDetail, type PlaceSummary, type PlacesQuery } from '../api.js'
import { statusAt } from './status-clock.js'

const STORAGE_KEY = 'waystation.places.v1'
const MAX_DETAILS = 40

interface Stored {
  /** When the newest of these was fetched (the server's clock, ISO). */
  savedAt: string
  places: Record<string, Feature<PlaceSummary>>
  details: Record<string, Feature<PlaceDetail>>
}

let memory: Stored | null = null

function load(): Stored {
  if (memory) return memory
  try {
    const raw = localStorage.getItem(STORAGE_KEY)
    if (raw) memory = JSON.parse(raw) as Stored
  } catch {
    memory = null
  }
  memory ??= { savedAt: '', places: {}, details: {} }
  return memory
}

function save(): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(memory))
  } catch {
    // Full or private mode: the copy in memory still serves this page.
  }
}

export function rememberPlaces(features: Array<Feature<PlaceSummary>>, fetchedAt: Date): void {
  const store = load()
  for (const f of features) {
    const { distance_m: _distance, ...properties } = f.properties
    store.places[f.id] = { ...f, properties }
  }
  store.savedAt = fetchedAt.toISOString()
  save()
}

export function rememberDetail(feature: Feature<PlaceDetail>, fetchedAt: Date): void {
  const store = load()
  store.details[feature.id] = feature
  const ids = Object.keys(store.details)
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_DETAILS))) delete store.details[id]
  store.savedAt = fetchedAt.toISOString()
  save()
}

export const savedAt = (): Date | null => (load().savedAt ? new Date(load().savedAt) : null)
export const hasSaved = () => Object.keys(load().places).length > 0

/** A text match as the server's search, roughly: every word in the name, address or area, any case. */
function matches(p: PlaceSummary, q: string): boolean {
  const haystack = [p.name_zh, p.name_en, p.address_zh, p.address_en, p.area?.name_zh, p.area?.name_en]
    .filter(Boolean)
    .join(' ')
    .toLowerCase()
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word))
}

/** The saved places that answer a query, as the API would order them (nearest first around a position). */
export function savedPlaces(
  query: PlacesQuery,
  now: Date,
  expandQuery: (q: string) => { amenities: readonly string[]; categories: readonly string[] },
): Array<Feature<PlaceSummary>> {
  const here = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null
  const need = query.q ? expandQuery(query.q) : { amenities: [], categories: [] }
  const out: Array<Feature<PlaceSummary>> = []
  for (const f of Object.values(load().places)) {
    const p = statusAt(f.properties, now)
    if (query.category?.length && !query.category.includes(p.category)) continue
    if (query.amenity?.length && !query.amenity.every((a) => (p.amenities as readonly string[]).includes(a))) continue
    if (query.open_now && !(p.status === 'open' && p.open_now === true)) continue
    if (
      query.q &&
      !matches(p, query.q) &&
      !need.amenities.some((a) => (p.amenities as readonly string[]).includes(a)) &&
      !need.categories.includes(p.category)
    )
      continue
    const [lng, lat] = f.geometry.coordinates
    const distance = here ? Math.round(metresBetween(here, { lat, lng })) : undefined
    if (distance !== undefined && query.radius !== undefined && distance > query.radius) continue
    out.push({ ...f, properties: distance === undefined ? p : { ...p, distance_m: distance } })
  }
  if (here) out.sort((a, b) => a.properties.distance_m! - b.properties.distance_m!)
  else out.sort((a, b) => a.properties.category.localeCompare(b.properties.category) || a.id.localeCompare(b.id))
  return out
}

/** A saved station's details, or its summary shaped as details (no hours table, description or operator). */
export function savedDetail(id: string): Feature<PlaceDetail> | null {
  const store = load()
  const detail = store.details[id]
  if (detail) return detail
  const summary = store.places[id]
  if (!summary) return null
  return {
    ...summary,
    properties: {
      ...summary.properties,
      description_zh: null,
      description_en: null,
      opening_hours: null,
      organisation: null,
      details: {},
      source: '',
      version: 0,
      updated_at: store.savedAt,
      created_at: store.savedAt,
      staffed_hours: null,
      week: null,
    },
  }
}
