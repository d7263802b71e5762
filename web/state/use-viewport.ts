/**
 * What the map shows for its view: GET /api/v1/places/viewport for the box on screen, its zoom and the list's
 * filters, asked once the map has rested (debounced) and with every older request aborted, so panning never
 * queues answers and a slow one never overwrites a newer one. No network: the saved places in view, gridded alike.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { needsIn } from '../../api/domain/need-words.js'
import { ApiFailure, fetchViewport, viewportSearch, type ViewportQuery } from '../api.js'
import { currentTime } from '../lib/clock.js'
import { hasSaved, savedPlaces } from '../lib/offline-store.js'
import type { ViewState } from '../lib/view-state.js'
import { gridPlaces, type Shown } from '../map/offline-grid.js'

/** The map's view, WGS-84. */
export type MapBox = Pick<ViewportQuery, 'bbox' | 'zoom'>

/** Long enough to let a pan or a pinch finish, short enough that the map does not feel late. */
export const VIEWPORT_DEBOUNCE_MS = 200

const unreachable = (error: unknown) =>
  error instanceof ApiFailure && (error.status === 0 || error.status >= 500 || error.status === 429)

export function useViewport(box: MapBox | null, view: ViewState, attempt: number): Shown {
  const [shown, setShown] = useState<Shown>({ clusters: [], places: [] })
  const first = useRef(true)
  const filters = { category: view.categories, amenity: view.amenities, open_now: view.openNow, q: view.q }
  const query: ViewportQuery | null = box && { ...box, ...filters }
  // The URL it will ask for: views that snap to the same grid box ask nothing new.
  const key = query ? viewportSearch(query) : ''
  // The effect runs on the key alone and reads the query that goes with it (a new object on each render).
  const asked = useRef({ query, filters })
  asked.current = { query, filters }
  useEffect(() => {
    const { query, filters } = asked.current
    if (!query) return
    const controller = new AbortController()
    const timer = setTimeout(
      () =>
        fetchViewport(query, controller.signal)
          .then(setShown)
          .catch((error: unknown) => {
            if (controller.signal.aborted || !unreachable(error) || !hasSaved()) return
            setShown(gridPlaces(savedPlaces(filters, currentTime(), needsIn), query.bbox, query.zoom))
          }),
      first.current ? 0 : VIEWPORT_DEBOUNCE_MS,
    )
    first.current = false
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [key, attempt])
  return shown
}
