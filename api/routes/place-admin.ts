import { Hono, type Context } from 'hono'
import { randomBytes, toHex } from '../auth/encoding.js'
import { placeForStaff } from '../auth/place-access.js'
import { requireAdmin, type Staff } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { optionalIfMatchVersion } from '../lib/if-match.js'
import { readJson } from '../lib/json-body.js'
import { preparePlaceFields } from '../lib/place-patch.js'
import { ApiError } from '../lib/problem.js'
import { applyPlaceChange, type EditablePlace } from '../queries/place-changes.js'
import { createPlaceWithAudit } from '../queries/place-create.js'
import { NewPlaceBody } from '../schemas/place-edit.js'
import { currentPlaceResponse, staleVersion } from './place-responses.js'

/** Administrator-only place lifecycle: create (position picked on the map), soft-delete, restore. */
export const placeAdminRoutes = new Hono<AppEnv>()

const ID_PREFIX: Record<string, string> = { caring_station: 'cs', clinic: 'cl', talent_apartment: 'ta', training_base: 'tb' }

placeAdminRoutes.post('/', async (c) => {
  const staff = await requireAdmin(c)
  const { id: givenId, category, ...rest } = await readJson(c, NewPlaceBody)
  const fields = await preparePlaceFields(c.get('db'), staff, category, { details: {}, ...rest })
  const id = givenId ?? `${ID_PREFIX[category]}-${toHex(randomBytes(5))}`
  const created = await createPlaceWithAudit(c.get('db'), { id, category, source: `staff:${staff.username}`, fields }, { accountId: staff.id, username: staff.username }, c.get('now'))
  if (!created) throw new ApiError(409, `A place with id '${id}' already exists`)
  c.header('Location', `/api/v1/places/${id}`)
  return currentPlaceResponse(c, id, 201)
})

async function setDeleted(c: Context<AppEnv>, staff: Staff, place: EditablePlace, deleted: boolean) {
  const expected = optionalIfMatchVersion(c.req.header('if-match'), place.id) ?? place.version
  if (expected !== place.version) return staleVersion(c, place.id)
  const now = c.get('now')
  const version = await applyPlaceChange(c.get('db'), {
    placeId: place.id,
    expectedVersion: expected,
    set: { deleted_at: deleted ? now : null },
    audit: { accountId: staff.id, username: staff.username, action: deleted ? 'delete' : 'restore', changes: { deleted_at: { before: place.deleted_at, after: deleted ? now : null } } },
    now,
  })
  if (version === undefined) return staleVersion(c, place.id)
  return null
}

placeAdminRoutes.delete('/:id', async (c) => {
  const staff = await requireAdmin(c)
  const place = await placeForStaff(c, staff)
  return (await setDeleted(c, staff, place, true)) ?? c.body(null, 204)
})

placeAdminRoutes.post('/:id/restore', async (c) => {
  const staff = await requireAdmin(c)
  const place = await placeForStaff(c, staff, { deleted: 'only' })
  return (await setDeleted(c, staff, place, false)) ?? currentPlaceResponse(c, place.id)
})
