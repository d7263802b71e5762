/**
 * The map from this phone's saved copy (no network): the saved places in view, counted per cell of the API's own
 * grid (api/lib/viewport-grid.ts), so the map looks as it does online, bubbles and pins alike.
 */
import { cellSize, STREET_ZOOM } from '../../api/lib/viewport-grid.js'
import type { Feature, MapCluster, MapPlace, PlaceSummary } from '../api.js'

export interface Shown {
  clusters: MapCluster[]
  places: MapPlace[]
}

export const toMapPlace = (f: Feature<PlaceSummary>): MapPlace => ({
  id: f.id,
  category: f.properties.category,
  name_zh: f.properties.name_zh,
  name_en: f.properties.name_en,
  lng: f.geometry.coordinates[0],
  lat: f.geometry.coordinates[1],
  open_now: f.properties.open_now,
})

export function gridPlaces(features: Array<Feature<PlaceSummary>>, bbox: readonly number[], zoom: number): Shown {
  const [minLng, minLat, maxLng, maxLat] = bbox as [number, number, number, number]
  const inView = features.map(toMapPlace).filter((p) => p.lng >= minLng && p.lng <= maxLng && p.lat >= minLat && p.lat <= maxLat)
  if (zoom >= STREET_ZOOM) return { clusters: [], places: inView }
  const cell = cellSize(zoom, bbox)
  const cells = new Map<string, MapPlace[]>()
  for (const p of inView) {
    const key = `${Math.floor(p.lng / cell)},${Math.floor(p.lat / cell)}`
    cells.set(key, [...(cells.get(key) ?? []), p])
  }
  const shown: Shown = { clusters: [], places: [] }
  for (const group of cells.values()) {
    if (group.length === 1) shown.places.push(group[0]!)
    else
      shown.clusters.push({
        lng: group.reduce((sum, p) => sum + p.lng, 0) / group.length,
        lat: group.reduce((sum, p) => sum + p.lat, 0) / group.length,
        count: group.length,
      })
  }
  return shown
}
