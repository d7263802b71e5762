import { z } from 'zod'
import { Bbox, PlacesQuery } from './places-query.js'

export const VIEWPORT_QUERY_PARAMS = ['bbox', 'zoom', 'category', 'amenity', 'open_now', 'q'] as const

/** The map's view: the box on screen, the zoom it is drawn at, and the list's filters. */
export const ViewportQuery = z.strictObject({
  bbox: Bbox,
  zoom: z
    .string()
    .regex(/^\d{1,2}$/, 'zoom must be a whole number from 0 to 22')
    .transform(Number)
    .refine((n) => n <= 22, 'zoom must be a whole number from 0 to 22'),
  category: PlacesQuery.shape.category,
  amenity: PlacesQuery.shape.amenity,
  open_now: PlacesQuery.shape.open_now,
  q: PlacesQuery.shape.q,
})
export type ViewportQuery = z.output<typeof ViewportQuery>

export { cellSize, MAX_CELLS_ACROSS, STREET_PLACES, STREET_ZOOM } from '../lib/viewport-grid.js'

const MapPlace = z.object({
  id: z.string(),
  category: z.string(),
  name_zh: z.string(),
  name_en: z.string().nullable(),
  lng: z.number(),
  lat: z.number(),
  open_now: z.boolean().nullable().describe('null: hours unknown'),
})

export const ViewportAnswer = z
  .object({
    zoom: z.number().int(),
    cell: z.number().nullable().describe('Grid cell size in degrees; null when every place in view is listed'),
    total: z.number().int().describe('Matching places in the box: the cluster counts plus the places'),
    clusters: z.array(
      z.object({
        lng: z.number(),
        lat: z.number(),
        count: z.number().int().min(2),
      }),
    ),
    places: z.array(MapPlace),
  })
  .meta({ id: 'Viewport' })
