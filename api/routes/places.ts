import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { toLocalTime } from '../domain/local-time.js'
import { toDetailFeature, toSummaryFeature } from '../lib/place-features.js'
import { ApiError } from '../lib/problem.js'
import { parseQuery } from '../lib/query-params.js'
import { findPlaces, getPlace, type PlaceSummaryRow } from '../queries/places.js'
import { PlaceId } from '../schemas/place-record.js'
import { encodeCursor, PLACES_QUERY_PARAMS, PlacesQuery } from '../schemas/places-query.js'

export const placesRoutes = new Hono<AppEnv>()

placesRoutes.get('/', async (c) => {
  const query = parseQuery(c, PlacesQuery, PLACES_QUERY_PARAMS)
  const now = c.get('now')
  const rows = await findPlaces(c.get('db'), query, now)
  const page = rows.slice(0, query.limit)
  const next = rows.length > query.limit ? nextCursor(page) : null
  return c.json({
    type: 'FeatureCollection',
    features: page.map((row) => toSummaryFeature(row, now)),
    numberReturned: page.length,
    next_cursor: next,
  })
})

function nextCursor(page: PlaceSummaryRow[]): string | null {
  const last = page[page.length - 1]
  if (!last) return null
  return encodeCursor(last.distance === undefined ? { id: last.id } : { d: last.distance, id: last.id })
}

/**
 * The ETag names the version and what time can change in the body (local date, open or not), so a cached
 * copy revalidates when the place is edited or opens/closes; staff `If-Match` compares the version part.
 */
export function placeEtag(id: string, version: number, now: Date, openNow: boolean | null): string {
  const open = openNow === null ? 'u' : openNow ? 'o' : 'c'
  return `"${id}.v${version}.${toLocalTime(now).date.replace(/-/g, '')}${open}"`
}

placesRoutes.get('/:id', async (c) => {
  const id = PlaceId.safeParse(c.req.param('id'))
  if (!id.success) throw new ApiError(404, `No place with id '${c.req.param('id').slice(0, 80)}'`)
  const now = c.get('now')
  const row = await getPlace(c.get('db'), id.data, now)
  if (!row) throw new ApiError(404, `No place with id '${id.data}'`)
  const etag = placeEtag(row.id, row.version, now, row.open_now)
  c.header('ETag', etag)
  if (
    c.req
      .header('If-None-Match')
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return c.body(null, 304)
  return c.json(toDetailFeature(row, now))
})
