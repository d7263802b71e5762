import { Hono } from 'hono'
import { placeForStaff } from '../auth/place-access.js'
import { requireStaff } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { ifMatchVersion } from '../lib/if-match.js'
import { readJson } from '../lib/json-body.js'
import { diffFields } from '../lib/place-diff.js'
import { preparePlaceFields } from '../lib/place-patch.js'
import { applyPlaceChange, listPlaceHistory, toColumns } from '../queries/place-changes.js'
import { PlacePatch } from '../schemas/place-edit.js'
import { currentPlaceResponse, stampPlace, staleVersion } from './place-responses.js'

/** Staff edits of existing places: PATCH (editor of the place's organisation or admin), verify, history. */
export const placeEditRoutes = new Hono<AppEnv>()

placeEditRoutes.patch('/:id', async (c) => {
  const staff = await requireStaff(c)
  const place = await placeForStaff(c, staff)
  const expected = ifMatchVersion(c.req.header('if-match'), place.id)
  const patch = await readJson(c, PlacePatch)
  const fields = await preparePlaceFields(c.get('db'), staff, place.category, patch)
  if (expected !== place.version) return staleVersion(c, place.id)
  const changes = diffFields(place, fields)
  if (Object.keys(changes).length === 0) return currentPlaceResponse(c, place.id)
  const changed = Object.fromEntries(Object.keys(changes).map((f) => [f, fields[f]]))
  const action = Object.keys(changes).join() === 'location' ? 'move' : 'update'
  const version = await applyPlaceChange(c.get('db'), {
    placeId: place.id,
    expectedVersion: expected,
    set: toColumns(changed),
    audit: { accountId: staff.id, username: staff.username, action, changes },
    now: c.get('now'),
  })
  if (version === undefined) return staleVersion(c, place.id)
  return currentPlaceResponse(c, place.id)
})

/** "Still accurate": one tap stamps last_verified_at (a new version, so cached copies and open forms notice). */
placeEditRoutes.post('/:id/verify', async (c) => {
  const staff = await requireStaff(c)
  const place = await placeForStaff(c, staff)
  await stampPlace(c, staff, place, 'verify', 'last_verified_at', c.get('now'))
  return currentPlaceResponse(c, place.id)
})

placeEditRoutes.get('/:id/history', async (c) => {
  const staff = await requireStaff(c)
  const place = await placeForStaff(c, staff, { deleted: 'include' })
  c.header('Cache-Control', 'no-store')
  return c.json({ place_id: place.id, entries: await listPlaceHistory(c.get('db'), place.id) })
})
