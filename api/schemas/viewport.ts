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

/** From this zoom on, the map shows the places themselves (if no more than STREET_PLACES are in view). */
export const STREET_ZOOM = 17
export const STREET_PLACES = 1000
/** At most this many grid cells across the box, so no answer grows with the screen or the box sent. */
export const MAX_CELLS_ACROSS = 48

/**
 * Grid cell size in degrees: about 64 screen pixels at this zoom (256-pixel tiles), at least 1/48 of the box,
 * rounded up to 360 / 2^k so cells are the same for every box at a zoom and neighbouring views share them.
 */
export function cellSize(zoom: number, [minLng, minLat, maxLng, maxLat]: readonly number[]): number {
  const byZoom = 360 / 2 ** (zoom + 2)
  const needed = Math.max(byZoom, (maxLng! - minLng!) / MAX_CELLS_ACROSS, (maxLat! - minLat!) / MAX_CELLS_ACROSS, 1e-7)
  return 360 / 2 ** Math.floor(Math.log2(360 / needed))
}

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
