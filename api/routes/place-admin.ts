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
import { currentPlaceResponse, stampPlace } from './place-responses.js'

/** Administrator-only place lifecycle: create (position picked on the map), soft-delete, restore. */
export const placeAdminRoutes = new Hono<AppEnv>()

const ID_PREFIX: Record<string, string> = { caring_station: 'cs', clinic: 'cl', talent_apartment: 'ta', training_base: 'tb' }

placeAdminRoutes.post('/', async (c) => {
  const staff = await requireAdmin(c)
  const { id: givenId, category, ...rest } = await readJson(c, NewPlaceBody)
  const fields = await preparePlaceFields(c.get('db'), staff, category, { details: {}, ...rest })
  const id = givenId ?? `${ID_PREFIX[category]}-${toHex(randomBytes(5))}`
  const created = await createPlaceWithAudit(
    c.get('db'),
    { id, category, source: `staff:${staff.username}`, fields },
    { accountId: staff.id, username: staff.username },
    c.get('now'),
  )
  if (!created) throw new ApiError(409, `A place with id '${id}' already exists`)
  c.header('Location', `/api/v1/places/${id}`)
  return currentPlaceResponse(c, id, 201)
})

placeAdminRoutes.delete('/:id', async (c) => {
  const staff = await requireAdmin(c)
  const place = await placeForStaff(c, staff)
  await stampPlace(c, staff, place, 'delete', 'deleted_at', c.get('now'))
  return c.body(null, 204)
})

placeAdminRoutes.post('/:id/restore', async (c) => {
  const staff = await requireAdmin(c)
  const place = await placeForStaff(c, staff, { deleted: 'only' })
  await stampPlace(c, staff, place, 'restore', 'deleted_at', null)
  return currentPlaceResponse(c, place.id)
})
