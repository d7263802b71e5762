import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { ApiError } from '../lib/problem.js'
import { parseQuery } from '../lib/query-params.js'
import { findPlaces, getPlace, type PlaceSummaryRow } from '../queries/places.js'
import { PlaceId } from '../schemas/place-record.js'
import { encodeCursor, PLACES_QUERY_PARAMS, PlacesQuery } from '../schemas/places-query.js'
import { detailView, summaryFeatures, withFeatureContext } from './place-view.js'

export const placesRoutes = new Hono<AppEnv>()

placesRoutes.get('/', async (c) => {
  const query = parseQuery(c, PlacesQuery, PLACES_QUERY_PARAMS)
  const now = c.get('now')
  const { rows, ctx } = await withFeatureContext(c.get('db'), now, (calendar) => findPlaces(c.get('db'), query, now, calendar))
  const page = rows.slice(0, query.limit)
  const next = rows.length > query.limit ? nextCursor(page) : null
  return c.json({
    type: 'FeatureCollection',
    features: summaryFeatures(page, ctx),
    numberReturned: page.length,
    next_cursor: next,
  })
})

function nextCursor(page: PlaceSummaryRow[]): string | null {
  const last = page[page.length - 1]
  if (!last) return null
  return encodeCursor(last.distance === undefined ? { id: last.id } : { d: last.distance, id: last.id })
}

placesRoutes.get('/:id', async (c) => {
  const id = PlaceId.safeParse(c.req.param('id'))
  if (!id.success) throw new ApiError(404, `No place with id '${c.req.param('id').slice(0, 80)}'`)
  const now = c.get('now')
  const { rows, ctx } = await withFeatureContext(c.get('db'), now, (calendar) =>
    getPlace(c.get('db'), id.data, now, calendar).then((r) => [r]),
  )
  const row = rows[0]
  if (!row) throw new ApiError(404, `No place with id '${id.data}'`)
  const { etag, feature } = detailView(row, ctx)
  c.header('ETag', etag)
  if (
    c.req
      .header('If-None-Match')
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return c.body(null, 304)
  return c.json(feature)
})
