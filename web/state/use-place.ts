/** One place's full record for the details view. */
import { useEffect, useState } from 'preact/hooks'
import { ApiFailure, fetchPlace, type Feature, type PlaceDetail } from '../api.js'
import { currentTime } from '../lib/clock.js'
import { rememberDetail, savedAt, savedDetail } from '../lib/offline-store.js'
import type { Load } from './use-places.js'

export function usePlace(id: string | null): Load<Feature<PlaceDetail>> | null {
  const [load, setLoad] = useState<Load<Feature<PlaceDetail>> | null>(null)
  useEffect(() => {
    if (!id) return setLoad(null)
    const controller = new AbortController()
    setLoad({ state: 'loading' })
    fetchPlace(id, controller.signal)
      .then((data) => {
        rememberDetail(data, currentTime())
        setLoad({ state: 'ready', data })
      })
      .catch((error: Error) => {
        if (controller.signal.aborted) return
        const gone = error instanceof ApiFailure && error.status === 404
        // Offline or the API down: the station as this phone last saw it.
        const saved = gone ? null : savedDetail(id)
        const at = savedAt()
        if (saved && at) setLoad({ state: 'ready', data: saved, offline: at })
        else setLoad({ state: 'error', message: gone ? 'gone' : error.message })
      })
    return () => controller.abort()
  }, [id])
  return load
}
