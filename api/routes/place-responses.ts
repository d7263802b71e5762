import type { Context } from 'hono'
import type { AppEnv } from '../context.js'
import { toDetailFeature } from '../lib/place-features.js'
import { ApiError } from '../lib/problem.js'
import { getPlace } from '../queries/places.js'
import { placeEtag } from './places.js'

/** The place as GET /api/v1/places/:id shows it, with its ETag set on the response. */
export async function currentPlaceResponse(c: Context<AppEnv>, id: string, status: 200 | 201 = 200) {
  const now = c.get('now')
  const row = await getPlace(c.get('db'), id, now)
  if (!row) return c.body(null, 204)
  c.header('ETag', placeEtag(row.id, row.version, now, row.open_now))
  c.header('Cache-Control', 'no-store')
  return c.json(toDetailFeature(row, now), status)
}

/** 412: someone changed the place since the client read it; the current version comes back to merge against. */
export async function staleVersion(c: Context<AppEnv>, id: string): Promise<never> {
  const now = c.get('now')
  const row = await getPlace(c.get('db'), id, now)
  throw new ApiError(412, 'Someone changed this place since you loaded it; compare with the current version and try again', {
    current_version: row?.version ?? null,
    current: row ? toDetailFeature(row, now) : null,
    headers: row ? { ETag: placeEtag(row.id, row.version, now, row.open_now) } : {},
  })
}
