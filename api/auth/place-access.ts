import type { Context } from 'hono'
import type { AppEnv } from '../context.js'
import { ApiError } from '../lib/problem.js'
import { loadEditablePlace, type EditablePlace } from '../queries/place-changes.js'
import { PlaceId } from '../schemas/place-record.js'
import { requirePlaceEditor, type Staff } from './staff.js'

/**
 * The place named in the path, if this staff member may edit it: 404 when there is none (or it is deleted,
 * unless `deleted` is wanted), 403 when it belongs to an organisation he does not edit.
 */
export async function placeForStaff(
  c: Context<AppEnv>,
  staff: Staff,
  options: { deleted?: 'exclude' | 'include' | 'only' } = {},
): Promise<EditablePlace> {
  const raw = c.req.param('id') ?? ''
  const id = PlaceId.safeParse(raw)
  const place = id.success ? await loadEditablePlace(c.get('db'), id.data) : undefined
  const mode = options.deleted ?? 'exclude'
  const deleted = place?.deleted_at != null
  if (!place || (mode === 'exclude' && deleted)) throw new ApiError(404, `No place with id '${raw.slice(0, 80)}'`)
  requirePlaceEditor(staff, place.organisation_id)
  if (mode === 'only' && !deleted) throw new ApiError(409, 'This place is not deleted')
  return place
}
