import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.js'
import { ApiError } from '../lib/problem.js'
import { jsonBytes } from '../lib/response-bytes.js'
import { json, problem, route } from '../openapi/describe.js'
import { parseQuery } from '../lib/query-params.js'
import { findPlaces, getPlace, type PlaceSummaryRow } from '../queries/places.js'
import { PlaceCollection, PlaceDetailFeature } from '../schemas/place-feature.js'
import { PlaceId } from '../schemas/place-record.js'
import { encodeCursor, PLACES_QUERY_PARAMS, PlacesQuery } from '../schemas/places-query.js'
import { detailView, summaryFeatures, withFeatureContext } from './shared/place-view.js'

export const placesRoutes = new Hono<AppEnv>()

placesRoutes.get(
  '/',
  route({
    operationId: 'listPlaces',
    summary: 'Find places',
    description:
      'Nearest first when `lat`/`lng` are given (optionally within `radius` metres), else by id. Filters combine with AND; ' +
      '`category` and `amenity` take comma lists. Page with `cursor` = the previous `next_cursor`.',
    tags: ['places'],
    query: PlacesQuery,
    headers: { 'If-None-Match': { description: 'ETag of a cached copy (a hash of the body); 304 when unchanged' } },
    responses: {
      200: {
        ...json('A page of places', PlaceCollection),
        headers: {
          ETag: { description: 'A hash of the body' },
          'Evaluated-At': { description: 'The instant open_now and the open/close times hold for (`at`, else now)' },
        },
      },
      304: { description: 'Not modified since the given ETag' },
      307: {
        description:
          '`lat`/`lng` finer than the 0.002° grid, or a `bbox` off it: the same search on the grid (not stored by any cache)',
        headers: { Location: { description: 'The search with the position snapped to the grid (bbox grown outwards)' } },
      },
      400: problem('Invalid query'),
    },
  }),
  async (c) => {
    const query = parseQuery(c, PlacesQuery, PLACES_QUERY_PARAMS)
    const now = query.at ?? c.get('now')
    // The instant the statuses hold for: the app moves them on from here as its clock runs (web/lib/clock.ts).
    c.header('Evaluated-At', now.toISOString())
    const { rows, ctx } = await withFeatureContext(c, now, (calendar) => findPlaces(c.get('db'), query, now, calendar))
    const page = rows.slice(0, query.limit)
    const next = rows.length > query.limit ? nextCursor(page) : null
    return jsonBytes(c, {
      type: 'FeatureCollection',
      features: summaryFeatures(page, ctx),
      numberReturned: page.length,
      next_cursor: next,
    })
  },
)

function nextCursor(page: PlaceSummaryRow[]): string | null {
  const last = page[page.length - 1]
  if (!last) return null
  return encodeCursor(last.distance === undefined ? { id: last.id } : { d: last.distance, id: last.id })
}

placesRoutes.get(
  '/:id',
  route({
    operationId: 'getPlace',
    summary: 'One place with hours, organisation and details',
    tags: ['places'],
    params: z.object({ id: PlaceId }),
    headers: { 'If-None-Match': { description: 'ETag of a cached copy; 304 when unchanged' } },
    responses: {
      200: {
        ...json('The place', PlaceDetailFeature),
        headers: {
          ETag: {
            description:
              '"<id>.v<version>.<yyyymmdd><o|c|u>[s|f][l][n<count>t<newest>]" (open, staffed/self-service, likely closed, confirmations)',
          },
        },
      },
      304: { description: 'Not modified since the given ETag' },
      404: problem('No such place'),
    },
  }),
  async (c) => {
    const id = PlaceId.safeParse(c.req.param('id'))
    if (!id.success) throw new ApiError(404, `No place with id '${c.req.param('id').slice(0, 80)}'`)
    const now = c.get('now')
    c.header('Evaluated-At', now.toISOString())
    const { rows, ctx } = await withFeatureContext(c, now, (calendar) =>
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
    return jsonBytes(c, feature)
  },
)
