import type { Staff } from '../auth/staff.js'
import type { Db } from '../db/schema.js'
import { AMENITY_CODES } from '../domain/amenities.js'
import type { CategoryCode } from '../domain/categories.js'
import { PLACE_DETAILS } from '../schemas/place-details.js'
import { ADMIN_FIELDS, type PlacePatch } from '../schemas/place-edit.js'
import { type Bounds, withinBounds } from '../import/coordinates.js'
import { ApiError, type FieldError } from './problem.js'

/**
 * Turns a validated patch into the fields to write: refuses admin-only fields to editors (403), checks
 * `details` against the category and that referenced organisation/area exist (422), and clears the reason and
 * until-date when a place is set back to open.
 */
export async function preparePlaceFields(
  db: Db,
  staff: Staff,
  category: string,
  patch: PlacePatch,
  currentAmenities: readonly string[] = [],
  serviceArea?: Bounds,
): Promise<Record<string, unknown>> {
  const adminOnly = ADMIN_FIELDS.filter((f) => f in patch)
  if (adminOnly.length && staff.role !== 'admin')
    throw new ApiError(403, `Only an administrator may change ${adminOnly.join(', ')}`)
  const errors: FieldError[] = []
  const { confirm_outside_area: confirmed, ...changes } = patch
  const fields: Record<string, unknown> = { ...changes }
  // The same check as imports: a place outside the service area is almost always a slip (or swapped lng/lat).
  if (patch.location && serviceArea && !confirmed && !withinBounds(patch.location, serviceArea))
    errors.push({
      field: 'location',
      message: `outside the service area (${serviceArea.join(',')}); send confirm_outside_area: true to put it there anyway`,
    })
  if (patch.details !== undefined) {
    const details = PLACE_DETAILS[category as CategoryCode].safeParse(patch.details)
    if (details.success) fields.details = details.data
    else
      for (const issue of details.error.issues)
        errors.push({ field: ['details', ...issue.path].join('.'), message: issue.message })
  }
  // Display (vocabulary) order, so the same set never reads as a change.
  if (patch.amenities) fields.amenities = AMENITY_CODES.filter((code) => patch.amenities!.includes(code))
  if (patch.amenity_status) {
    const amenities = patch.amenities ?? currentAmenities
    for (const code of Object.keys(patch.amenity_status))
      if (!amenities.includes(code)) errors.push({ field: `amenity_status.${code}`, message: 'the place has no such amenity' })
  }
  if (patch.status === 'open') {
    fields.status_reason = patch.status_reason ?? null
    fields.status_until = patch.status_until ?? null
  }
  if (
    patch.organisation_id &&
    !(await db.selectFrom('organisation').select('id').where('id', '=', patch.organisation_id).executeTakeFirst())
  )
    errors.push({ field: 'organisation_id', message: 'no such organisation' })
  if (patch.area_code && !(await db.selectFrom('area').select('code').where('code', '=', patch.area_code).executeTakeFirst()))
    errors.push({ field: 'area_code', message: 'no such area' })
  if (errors.length) throw new ApiError(422, `Invalid body: ${errors.map((e) => e.field).join(', ')}`, { errors })
  return fields
}
