/** One place's full record for the details view. */
import { useEffect, useState } from 'preact/hooks'
import { ApiFailure, fetchPlace, type Feature, type PlaceDetail } from '../api.js'
import type { Load } from './use-places.js'

export function usePlace(id: string | null): Load<Feature<PlaceDetail>> | null {
  const [load, setLoad] = useState<Load<Feature<PlaceDetail>> | null>(null)
  useEffect(() => {
    if (!id) return setLoad(null)
    const controller = new AbortController()
    setLoad({ state: 'loading' })
    fetchPlace(id, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: Error) => {
        if (!controller.signal.aborted)
          setLoad({ state: 'error', message: error instanceof ApiFailure && error.status === 404 ? 'gone' : error.message })
      })
    return () => controller.abort()
  }, [id])
  return load
}
