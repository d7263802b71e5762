/**
 * Everything a view shows, as a URL: the selected place, filters, search, "here" and the map position, so any view
 * can be shared and the back button walks through them. Positions are always WGS-84, whatever the base map.
 */
import { snapToGrid } from '../../api/lib/location-grid.js'

export interface MapPosition {
  zoom: number
  lat: number
  lng: number
}
export interface Here {
  lat: number
  lng: number
  /** gps: from the browser; map: tapped on the map. */
  from: 'gps' | 'map'
}
export interface ViewState {
  place: string | null
  categories: string[]
  amenities: string[]
  openNow: boolean
  q: string
  here: Here | null
  /** Search radius around "here" in metres; null = the whole district. */
  radius: number | null
  map: MapPosition | null
}

/**
 * "Here" as the app keeps it: on the API's 0.002° grid (≈ 200 m), from the moment the phone reports it. So the
 * page URL, history entries, every request and every shared link carry the grid cell, never where someone
 * stands (the API would snap a finer position anyway, so the results are the same).
 */
export const gridHere = (lat: number, lng: number, from: Here['from']): Here => ({
  lat: Number(snapToGrid(lat)),
  lng: Number(snapToGrid(lng)),
  from,
})

export const DEFAULT_RADIUS = 3000
export const WIDER_RADIUS = 10_000
export const EMPTY_VIEW: ViewState = {
  place: null,
  categories: [],
  amenities: [],
  openNow: false,
  q: '',
  here: null,
  radius: DEFAULT_RADIUS,
  map: null,
}

const CODE = /^[a-z_]{1,40}$/
const list = (value: string | null) => (value ? value.split(',').filter((v) => CODE.test(v)) : [])
const inRange = (x: number, min: number, max: number) => Number.isFinite(x) && x >= min && x <= max

function parseHere(value: string | null): Here | null {
  const [lat, lng, from] = (value ?? '').split(',')
  const here = { lat: Number(lat), lng: Number(lng), from: from === 'map' ? ('map' as const) : ('gps' as const) }
  return value && inRange(here.lat, -90, 90) && inRange(here.lng, -180, 180) ? gridHere(here.lat, here.lng, here.from) : null
}

function parseMap(value: string | null): MapPosition | null {
  const [zoom, lat, lng] = (value ?? '').split('/').map(Number)
  if (zoom === undefined || lat === undefined || lng === undefined) return null
  return inRange(zoom, 1, 19) && inRange(lat, -90, 90) && inRange(lng, -180, 180) ? { zoom, lat, lng } : null
}

export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search)
  const radius = params.get('r')
  const place = params.get('place')
  return {
    place: place && /^[A-Za-z0-9_.-]{1,64}$/.test(place) ? place : null,
    categories: list(params.get('category')),
    amenities: list(params.get('amenity')),
    openNow: params.get('open') === '1',
    q: (params.get('q') ?? '').slice(0, 100),
    here: parseHere(params.get('here')),
    radius: radius === 'all' ? null : inRange(Number(radius), 100, 50_000) ? Number(radius) : DEFAULT_RADIUS,
    map: parseMap(params.get('map')),
  }
}

const round = (x: number, digits: number) => String(Number(x.toFixed(digits)))

export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams()
  if (state.place) params.set('place', state.place)
  if (state.categories.length) params.set('category', state.categories.join(','))
  if (state.amenities.length) params.set('amenity', state.amenities.join(','))
  if (state.openNow) params.set('open', '1')
  if (state.q) params.set('q', state.q)
  if (state.here) params.set('here', `${snapToGrid(state.here.lat)},${snapToGrid(state.here.lng)},${state.here.from}`)
  if (state.radius !== DEFAULT_RADIUS) params.set('r', state.radius === null ? 'all' : String(state.radius))
  if (state.map) params.set('map', `${state.map.zoom}/${round(state.map.lat, 5)}/${round(state.map.lng, 5)}`)
  const text = params.toString().replace(/%2C/g, ',').replace(/%2F/g, '/')
  return text ? `?${text}` : ''
}
