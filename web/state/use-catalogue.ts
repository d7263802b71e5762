/** Category and amenity labels (zh/en) from the API, fetched once. */
import { useEffect, useState } from 'preact/hooks'
import { fetchAmenities, fetchCategories, type Label } from '../api.js'

export interface Catalogue {
  categories: Label[]
  amenities: Label[]
}

export function useCatalogue(attempt: number): Catalogue | null {
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null)
  useEffect(() => {
    Promise.all([fetchCategories(), fetchAmenities()])
      .then(([categories, amenities]) => setCatalogue({ categories, amenities }))
      .catch(() => setCatalogue(null))
  }, [attempt])
  return catalogue
}
