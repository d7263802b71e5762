import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { toLocalTime } from '../domain/local-time.js'
import { parseQuery } from '../lib/query-params.js'
import { jsonBytes } from '../lib/response-bytes.js'
import { withAreas, type PlaceSummaryRow } from '../queries/places.js'
import { cellsInView, placesByIds, placesInView } from '../queries/viewport.js'
import { cellsFromCounts, countsAnswer } from '../queries/viewport-counts.js'
import { json, problem, route } from '../openapi/describe.js'
import {
  cellSize,
  STREET_PLACES,
  STREET_ZOOM,
  VIEWPORT_QUERY_PARAMS,
  ViewportAnswer,
  ViewportQuery,
} from '../schemas/viewport.js'

/** Six decimals: ≈ 0.1 m, finer than any screen shows, and a third fewer bytes than full doubles. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** A place as the map draws it: a pin and its name; the rest is read when it is tapped (GET /places/{id}). */
const mapPlace = (r: PlaceSummaryRow) => ({
  id: r.id,
  category: r.category,
  name_zh: r.name_zh,
  name_en: r.name_en,
  lng: r.lng,
  lat: r.lat,
  open_now: r.open_now,
})

export const viewportRoutes = new Hono<AppEnv>()

/**
 * What the map shows for a view: at street zoom the places themselves (when no more than STREET_PLACES match),
 * otherwise the matching places counted per grid cell in PostGIS, a cell with one place given as that place.
 * Filters apply to both, so the counts add up to what the list finds in the same box.
 */
viewportRoutes.get(
  '/',
  route({
    operationId: 'mapViewport',
    summary: 'What the map shows for a view: clusters with counts, or the places at street zoom',
    description:
      'Matching places in `bbox` counted per grid cell (about 64 px at `zoom`, at most 48 cells across the box), ' +
      'a cell with one place given as the place; from zoom 17 the places themselves when no more than 1,000 match. ' +
      'The filters are those of GET /places, and the counts add up to what it finds in the same box.',
    tags: ['places'],
    query: ViewportQuery,
    responses: {
      200: json('Clusters and places in view', ViewportAnswer),
      307: {
        description: 'A `bbox` off the 0.002° grid: the same view with the box grown outwards to it',
        headers: { Location: { description: 'The view on the grid' } },
      },
      400: problem('Invalid query'),
    },
  }),
  async (c) => {
    const db = c.get('db')
    const query = await withAreas(db, parseQuery(c, ViewportQuery, VIEWPORT_QUERY_PARAMS))
    const now = c.get('now')
    const calendar = (await c.get('calendars').window(db, toLocalTime(now).date)).kinds
    if (query.zoom >= STREET_ZOOM) {
      const rows = await placesInView(db, query, STREET_PLACES + 1, now, calendar)
      if (rows.length <= STREET_PLACES)
        return jsonBytes(c, { zoom: query.zoom, cell: null, total: rows.length, clusters: [], places: rows.map(mapPlace) })
    }
    const cell = cellSize(query.zoom, query.bbox)
    const level = Math.round(Math.log2(360 / cell))
    // With category, open now or one amenity alone the kept counts per cell answer (and the edges of the view).
    const cells =
      (countsAnswer(query, level) && (await cellsFromCounts(db, query, level, cell, now, calendar))) ||
      (await cellsInView(db, query, cell, now, calendar))
    const singles = cells.filter((g) => g.count === 1).map((g) => g.id)
    const places = await placesByIds(db, singles, now, calendar)
    const clusters = cells
      .filter((g) => g.count > 1)
      .sort((a, b) => a.gy - b.gy || a.gx - b.gx)
      .map((g) => ({ lng: round6(g.lng), lat: round6(g.lat), count: g.count }))
    const total = clusters.reduce((sum, g) => sum + g.count, 0) + places.length
    return jsonBytes(c, { zoom: query.zoom, cell, total, clusters, places: places.map(mapPlace) })
  },
)
