import { Hono } from 'hono'
import { randomBytes, toHex } from '../auth/encoding.js'
import { placeForStaff } from '../auth/place-access.js'
import { requireAdmin } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { readJson } from '../lib/json-body.js'
import { preparePlaceFields } from '../lib/place-patch.js'
import { ApiError } from '../lib/problem.js'
import { createPlaceWithAudit } from '../queries/place-create.js'
import { NewPlaceBody } from '../schemas/place-edit.js'
import { currentPlaceResponse, stampPlace } from './shared/place-responses.js'
import { denied, etagged, ifMatch, placeIdParams, stale, badBody } from '../openapi/common.js'
import { problem, route } from '../openapi/describe.js'

/** Administrator-only place lifecycle: create (position picked on the map), soft-delete, restore. */
export const placeAdminRoutes = new Hono<AppEnv>()

const ID_PREFIX: Record<string, string> = { caring_station: 'cs', clinic: 'cl', talent_apartment: 'ta', training_base: 'tb' }

placeAdminRoutes.post(
  '/',
  route({
    operationId: 'createPlace',
    summary: 'Create a place (admin)',
    tags: ['staff'],
    security: ['staffSession'],
    body: { content: { 'application/json': NewPlaceBody } },
    responses: { 201: etagged('Created'), ...denied(), 409: problem('Id taken'), ...badBody() },
  }),
  async (c) => {
    const staff = await requireAdmin(c)
    const { id: givenId, category, ...rest } = await readJson(c, NewPlaceBody)
    const fields = await preparePlaceFields(
      c.get('db'),
      staff,
      category,
      { details: {}, ...rest },
      [],
      c.get('config').serviceArea,
    )
    const id = givenId ?? `${ID_PREFIX[category]}-${toHex(randomBytes(5))}`
    const created = await createPlaceWithAudit(
      c.get('db'),
      { id, category, source: `staff:${staff.username}`, required: { name_zh: rest.name_zh, location: rest.location }, fields },
      { accountId: staff.id, username: staff.username },
      c.get('now'),
    )
    if (!created) throw new ApiError(409, `A place with id '${id}' already exists`)
    c.header('Location', `/api/v1/places/${id}`)
    return currentPlaceResponse(c, id, 201)
  },
)

placeAdminRoutes.delete(
  '/:id',
  route({
    operationId: 'deletePlace',
    summary: 'Soft-delete a place (admin)',
    tags: ['staff'],
    security: ['staffSession'],
    params: placeIdParams,
    headers: ifMatch(false),
    responses: {
      204: { description: 'Deleted (hidden from the public API)' },
      ...denied(),
      404: problem('No such place'),
      ...stale,
    },
  }),
  async (c) => {
    const staff = await requireAdmin(c)
    const place = await placeForStaff(c, staff)
    await stampPlace(c, staff, place, 'delete', 'deleted_at', c.get('now'))
    return c.body(null, 204)
  },
)

placeAdminRoutes.post(
  '/:id/restore',
  route({
    operationId: 'restorePlace',
    summary: 'Restore a deleted place (admin)',
    tags: ['staff'],
    security: ['staffSession'],
    params: placeIdParams,
    headers: ifMatch(false),
    responses: { 200: etagged('Restored'), ...denied(), 404: problem('No such place'), 409: problem('Not deleted'), ...stale },
  }),
  async (c) => {
    const staff = await requireAdmin(c)
    const place = await placeForStaff(c, staff, { deleted: 'only' })
    await stampPlace(c, staff, place, 'restore', 'deleted_at', null)
    return currentPlaceResponse(c, place.id)
  },
)
