/** Category and amenity labels (zh/en) from the API, fetched once and kept on the phone for offline use. */
import { useEffect, useState } from 'preact/hooks'
import { fetchAmenities, fetchCategories, type Label } from '../api.js'

export interface Catalogue {
  categories: Label[]
  amenities: Label[]
}
const STORAGE_KEY = 'waystation.catalogue.v1'

function saved(): Catalogue | null {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Catalogue | null
  } catch {
    return null
  }
}

export function useCatalogue(attempt: number): Catalogue | null {
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null)
  useEffect(() => {
    Promise.all([fetchCategories(), fetchAmenities()])
      .then(([categories, amenities]) => {
        setCatalogue({ categories, amenities })
        try {
          localStorage.setItem(STORAGE_KEY, JSON.stringify({ categories, amenities }))
        } catch {
          // Private mode: fetched again next time.
        }
      })
      .catch(() => setCatalogue((current) => current ?? saved()))
  }, [attempt])
  return catalogue
}
