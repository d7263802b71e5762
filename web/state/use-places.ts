/**
 * Places for the current filters: nearest first around "here" (within the radius), or every match in the district
 * when there is no "here". Earlier requests are aborted so a slow answer never overwrites a newer one.
 */
import { useEffect, useState } from 'preact/hooks'
import { needsIn } from '../../api/domain/need-words.js'
import { ApiFailure, fetchPlaces, type Feature, type PlaceSummary, type PlacesQuery } from '../api.js'
import { currentTime } from '../lib/clock.js'
import { hasSaved, rememberPlaces, savedAt, savedPlaces } from '../lib/offline-store.js'
import type { ViewState } from '../lib/view-state.js'

/** `offline`: the data came from this phone's saved copy, fetched at that time (the network or API failed). */
export type Load<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T; offline?: Date }
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

/** Network down, or the API answering 5xx / 429: the saved copy is worth more than an error. */
const unreachable = (error: unknown) =>
  error instanceof ApiFailure && (error.status === 0 || error.status >= 500 || error.status === 429)

export function usePlaces(view: ViewState, attempt: number): Load<Array<Feature<PlaceSummary>>> {
  const [load, setLoad] = useState<Load<Array<Feature<PlaceSummary>>>>({ state: 'loading' })
  const key = JSON.stringify(placesQuery(view))
  useEffect(() => {
    const controller = new AbortController()
    const query = JSON.parse(key) as PlacesQuery
    // A failed request never ends in a blank list: the saved places answer it (below).
    setLoad({ state: 'loading' })
    loadAll(query, controller.signal)
      .then((data) => {
        rememberPlaces(data, currentTime())
        setLoad({ state: 'ready', data })
      })
      .catch((error: Error) => {
        if (controller.signal.aborted) return
        const saved = savedAt()
        if (unreachable(error) && saved && hasSaved())
          setLoad({ state: 'ready', data: savedPlaces(query, currentTime(), needsIn), offline: saved })
        else setLoad({ state: 'error', message: error.message })
      })
    return () => controller.abort()
  }, [key, attempt])
  return load
}
