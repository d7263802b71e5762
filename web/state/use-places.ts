/**
 * Places for the current filters: nearest first around "here" (within the radius), or every match in the district
 * when there is no "here". Earlier requests are aborted so a slow answer never overwrites a newer one.
 */
import { useEffect, useState } from 'preact/hooks'
import { fetchPlaces, type Feature, type PlaceSummary, type PlacesQuery } from '../api.js'
import type { ViewState } from '../lib/view-state.js'

export type Load<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T }
const BROWSE_PAGE = 200
const BROWSE_MAX_PAGES = 5
const NEAREST_LIMIT = 50

export function placesQuery(view: ViewState): PlacesQuery {
  const query: PlacesQuery = { category: view.categories, amenity: view.amenities, open_now: view.openNow }
  if (view.q) query.q = view.q
  if (view.here) {
    query.lat = view.here.lat
    query.lng = view.here.lng
    if (view.radius !== null) query.radius = view.radius
    query.limit = NEAREST_LIMIT
  } else query.limit = BROWSE_PAGE
  return query
}

async function loadAll(query: PlacesQuery, signal: AbortSignal): Promise<Array<Feature<PlaceSummary>>> {
  const first = await fetchPlaces(query, signal)
  const features = [...first.features]
  let cursor = first.next_cursor
  for (let page = 1; cursor && !query.lat && page < BROWSE_MAX_PAGES; page++) {
    const next = await fetchPlaces({ ...query, cursor }, signal)
    features.push(...next.features)
    cursor = next.next_cursor
  }
  return features
}

export function usePlaces(view: ViewState, attempt: number): Load<Array<Feature<PlaceSummary>>> {
  const [load, setLoad] = useState<Load<Array<Feature<PlaceSummary>>>>({ state: 'loading' })
  const key = JSON.stringify(placesQuery(view))
  useEffect(() => {
    const controller = new AbortController()
    setLoad({ state: 'loading' })
    loadAll(JSON.parse(key) as PlacesQuery, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: Error) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', message: error.message })
      })
    return () => controller.abort()
  }, [key, attempt])
  return load
}
