import { Hono } from 'hono'
import { placeForStaff } from '../auth/place-access.js'
import { requireStaff } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { ifMatchVersion } from '../lib/if-match.js'
import { readJson } from '../lib/json-body.js'
import { preparePlaceFields } from '../lib/place-patch.js'
import { ApiError } from '../lib/problem.js'
import { editPlace, listPlaceHistory } from '../queries/place-changes.js'
import { PlacePatch } from '../schemas/place-edit.js'
import { currentPlaceResponse, stampPlace, staleVersion } from './shared/place-responses.js'
import { denied, etagged, ifMatch, placeIdParams, stale, badBody } from '../openapi/common.js'
import { json, problem, route } from '../openapi/describe.js'
import { PlaceHistory } from '../schemas/staff-responses.js'

/** Staff edits of existing places: PATCH (editor of the place's organisation or admin), verify, history. */
export const placeEditRoutes = new Hono<AppEnv>()

/**
 * An edit names the version it was made on (If-Match) and only the fields the person changed. It is merged
 * field-wise onto the current version (api/lib/place-merge.ts): applied when none of its fields changed since,
 * else 412 naming the conflicting fields. Nothing the person did not send is written.
 */
placeEditRoutes.patch(
  '/:id',
  route({
    operationId: 'updatePlace',
    summary: 'Edit a place (editor of its organisation, or admin)',
    tags: ['staff'],
    security: ['staffSession'],
    params: placeIdParams,
    headers: ifMatch(true),
    body: { content: { 'application/json': PlacePatch } },
    responses: {
      200: etagged('Updated'),
      ...denied(),
      404: problem('No such place'),
      ...stale,
      428: problem('If-Match missing or malformed'),
      ...badBody(),
    },
  }),
  async (c) => {
    const staff = await requireStaff(c)
    const place = await placeForStaff(c, staff)
    const baseVersion = ifMatchVersion(c.req.header('if-match'), place.id)
    const patch = await readJson(c, PlacePatch)
    const fields = await preparePlaceFields(
      c.get('db'),
      staff,
      place.category,
      patch,
      place.amenities,
      c.get('config').serviceArea,
    )
    const outcome = await editPlace(c.get('db'), {
      placeId: place.id,
      baseVersion,
      fields,
      accountId: staff.id,
      username: staff.username,
      now: c.get('now'),
    })
    if (outcome.kind === 'gone') throw new ApiError(404, `No place with id '${place.id}'`)
    if (outcome.kind === 'conflict') return staleVersion(c, place.id, outcome.conflicts)
    return currentPlaceResponse(c, place.id)
  },
)

/** "Still accurate": one tap stamps last_verified_at (a new version, so cached copies and open forms notice). */
placeEditRoutes.post(
  '/:id/verify',
  route({
    operationId: 'verifyPlace',
    summary: 'Confirm the place is still accurate',
    tags: ['staff'],
    security: ['staffSession'],
    params: placeIdParams,
    headers: ifMatch(false),
    responses: { 200: etagged('Verified'), ...denied(), 404: problem('No such place'), ...stale },
  }),
  async (c) => {
    const staff = await requireStaff(c)
    const place = await placeForStaff(c, staff)
    await stampPlace(c, staff, place, 'verify', 'last_verified_at', c.get('now'))
    return currentPlaceResponse(c, place.id)
  },
)

placeEditRoutes.get(
  '/:id/history',
  route({
    operationId: 'placeHistory',
    summary: 'Audit history of a place',
    tags: ['staff'],
    security: ['staffSession'],
    params: placeIdParams,
    responses: { 200: json('History', PlaceHistory), ...denied(), 404: problem('No such place') },
  }),
  async (c) => {
    const staff = await requireStaff(c)
    const place = await placeForStaff(c, staff, { deleted: 'include' })
    c.header('Cache-Control', 'no-store')
    return c.json({ place_id: place.id, entries: await listPlaceHistory(c.get('db'), place.id) })
  },
)
