import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import type { FieldChanges } from '../lib/place-diff.js'
import { geographyPoint } from './place-rows.js'

/** A place as staff edit it, deleted ones included, with the position as `[lng, lat]`. */
export async function loadEditablePlace(db: Db, id: string) {
  return db
    .selectFrom('place')
    .select([
      'id',
      'category',
      'version',
      'deleted_at',
      'organisation_id',
      'name_zh',
      'name_en',
      'address_zh',
      'address_en',
      'area_code',
      'phone',
      'amenities',
      'opening_hours',
      'status',
      'status_reason',
      sql<string | null>`status_until::text`.as('status_until'),
      'description_zh',
      'description_en',
      'details',
      'last_verified_at',
      sql<[number, number]>`json_build_array(ST_X(location::geometry), ST_Y(location::geometry))`.as('location'),
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}
export type EditablePlace = NonNullable<Awaited<ReturnType<typeof loadEditablePlace>>>

export interface PlaceChange {
  placeId: string
  /** The version the change was made against; the update only happens if the row still has it. */
  expectedVersion: number
  /** Column values (already in database form: JSON as text, location as a point). */
  set: Record<string, unknown>
  audit: {
    accountId: string
    username: string
    action: 'update' | 'move' | 'verify' | 'delete' | 'restore'
    changes: FieldChanges
  }
  now: Date
}

/** Database form of edited fields: jsonb as text, `[lng, lat]` as a geography point. */
export function toColumns(fields: Record<string, unknown>): Record<string, unknown> {
  const columns: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'location') columns.location = geographyPoint(...(value as [number, number]))
    else if (field === 'opening_hours') columns.opening_hours = value === null ? null : JSON.stringify(value)
    else if (field === 'details') columns.details = JSON.stringify(value)
    else columns[field] = value
  }
  return columns
}

/**
 * Applies a change and its audit record in one transaction. The UPDATE is conditional on the version, so of
 * concurrent changes made against the same version exactly one matches a row; the others get `undefined`
 * (→ 412) and, their transaction writing nothing, leave no audit entry.
 */
export async function applyPlaceChange(db: Db, change: PlaceChange): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('place')
      .set({ ...change.set, version: sql<number>`version + 1`, updated_at: change.now } as never)
      .where('id', '=', change.placeId)
      .where('version', '=', change.expectedVersion)
      .returning('version')
      .executeTakeFirst()
    if (!updated) return undefined
    await trx
      .insertInto('place_audit')
      .values({
        place_id: change.placeId,
        account_id: change.audit.accountId,
        username: change.audit.username,
        action: change.audit.action,
        changes: JSON.stringify(change.audit.changes),
        version: updated.version,
        at: change.now,
      })
      .execute()
    return updated.version
  })
}

export async function listPlaceHistory(db: Db, placeId: string) {
  const rows = await db
    .selectFrom('place_audit')
    .select(['id', 'at', 'username', 'action', 'version', 'changes'])
    .where('place_id', '=', placeId)
    .orderBy('id', 'desc')
    .limit(500)
    .execute()
  return rows.map((r) => ({ ...r, id: String(r.id), at: new Date(r.at).toISOString() }))
}
