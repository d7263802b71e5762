import { sql } from 'kysely'
import type { Db, PlaceUpdate } from '../db/schema.js'
import type { PlaceAuditAction } from '../db/staff-schema.js'
import { AMENITY_CODES } from '../domain/amenities.js'
import type { FieldChanges } from '../lib/place-diff.js'
import { mergeEdit, type AuditStep, type FieldConflict } from '../lib/place-merge.js'
import { geographyPoint } from './place-rows.js'

/** A place as staff edit it, deleted ones included, with the position as `[lng, lat]`. */
export async function loadEditablePlace(db: Db, id: string, options: { lock?: boolean } = {}) {
  const query = db
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
      'staffed_hours',
      'access',
      'amenity_status',
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
  // Locked, edits of one place queue behind each other: each merges onto what the one before it wrote.
  return (options.lock ? query.forUpdate() : query).executeTakeFirst()
}
export type EditablePlace = NonNullable<Awaited<ReturnType<typeof loadEditablePlace>>>

export interface PlaceChange {
  placeId: string
  /** The version the change was made against; the update only happens if the row still has it. */
  expectedVersion: number
  /** Column values (already in database form: JSON as text, location as a point; see toColumns). */
  set: PlaceUpdate
  audit: {
    accountId: string
    username: string
    action: Exclude<PlaceAuditAction, 'create' | 'import'>
    changes: FieldChanges
  }
  now: Date
}

const JSON_COLUMNS = new Set(['opening_hours', 'staffed_hours', 'access', 'amenity_status', 'details'])

/** Columns given a value (none undefined), so the same object can be inserted as well as set. */
export type PlaceColumns = { [K in keyof PlaceUpdate]?: Exclude<PlaceUpdate[K], undefined> }

/** Database form of edited fields: jsonb as text, `[lng, lat]` as a geography point. */
export function toColumns(fields: Record<string, unknown>): PlaceColumns {
  const columns: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'location') columns.location = geographyPoint(...(value as [number, number]))
    else if (JSON_COLUMNS.has(field)) columns[field] = value === null ? null : JSON.stringify(value)
    else columns[field] = value
  }
  // Names and values were checked against the place schemas (api/schemas/place-record.ts) before they got here.
  return columns
}

/** Runs `work` in the caller's transaction, or in a new one. */
export const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db) : db.transaction().execute(work)

/**
 * Applies a change and its audit record in one transaction. The UPDATE is conditional on the version, so of
 * concurrent changes made against the same version exactly one matches a row; the others get `undefined`
 * (→ 412) and, their transaction writing nothing, leave no audit entry.
 */
export async function applyPlaceChange(db: Db, change: PlaceChange): Promise<number | undefined> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('place')
      .set({ ...change.set, version: sql<number>`version + 1`, updated_at: change.now })
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

/** The audit entries that produced the versions after `version` (for the merge of an edit made on it). */
export async function auditStepsSince(db: Db, placeId: string, version: number): Promise<AuditStep[]> {
  return db
    .selectFrom('place_audit')
    .select(['version', 'changes'])
    .where('place_id', '=', placeId)
    .where('version', '>', version)
    .orderBy('version')
    .orderBy('id')
    .execute()
}

/**
 * A facility taken off a place takes its out-of-order entry with it (else the entry would outlive the amenity,
 * hidden from the editor and refused by a re-import). Worked out on the merged result, under the row lock.
 */
function pruneOutages(current: EditablePlace, changes: FieldChanges) {
  if (!changes.amenities) return
  const amenities = changes.amenities.after as string[]
  const status = (changes.amenity_status?.after ?? current.amenity_status) as Record<string, unknown>
  const kept = Object.fromEntries(Object.entries(status).filter(([code]) => amenities.includes(code)))
  if (Object.keys(kept).length !== Object.keys(status).length)
    changes.amenity_status = { before: current.amenity_status, after: kept }
}

export type EditOutcome =
  | { kind: 'applied'; version: number }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; conflicts: FieldConflict[] }
  | { kind: 'gone' }

/**
 * A staff edit made on `baseVersion`: the place row is locked, the edit merged field-wise onto the current version
 * (api/lib/place-merge.ts) and, unless a field conflicts, written with its audit row by applyPlaceChange — all in
 * one transaction, so concurrent edits of one place apply one after the other, each seeing the one before.
 */
export async function editPlace(
  db: Db,
  edit: { placeId: string; baseVersion: number; fields: Record<string, unknown>; accountId: string; username: string; now: Date },
): Promise<EditOutcome> {
  return inTransaction(db, async (trx) => {
    const current = await loadEditablePlace(trx, edit.placeId, { lock: true })
    if (!current || current.deleted_at) return { kind: 'gone' }
    const history = edit.baseVersion < current.version ? await auditStepsSince(trx, edit.placeId, edit.baseVersion) : []
    const { changes, conflicts } = mergeEdit({ baseVersion: edit.baseVersion, current, fields: edit.fields, history })
    if (conflicts.length) return { kind: 'conflict', conflicts }
    if (changes.amenities)
      changes.amenities.after = AMENITY_CODES.filter((code) => (changes.amenities!.after as string[]).includes(code))
    pruneOutages(current, changes)
    const fields = Object.keys(changes)
    if (!fields.length) return { kind: 'unchanged' }
    const version = await applyPlaceChange(trx, {
      placeId: edit.placeId,
      expectedVersion: current.version,
      set: toColumns(Object.fromEntries(fields.map((f) => [f, changes[f]!.after]))),
      audit: {
        accountId: edit.accountId,
        username: edit.username,
        action: fields.join() === 'location' ? 'move' : 'update',
        changes,
      },
      now: edit.now,
    })
    // Cannot miss under the row lock; kept conditional so a change never lands on a version it was not merged on.
    if (version === undefined) throw new Error(`place ${edit.placeId} changed under its row lock`)
    return { kind: 'applied', version }
  })
}

/** The record of a place, newest first: its own audit entries and the decisions on reports about it. */
export async function listPlaceHistory(db: Db, placeId: string) {
  const changes = await db
    .selectFrom('place_audit')
    .select(['id', 'at', 'username', 'action', 'version', 'changes'])
    .where('place_id', '=', placeId)
    .orderBy('id', 'desc')
    .limit(500)
    .execute()
  const decisions = await db
    .selectFrom('staff_audit')
    .select(['id', 'at', 'username', 'action', 'changes'])
    .where('place_id', '=', placeId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute()
  return [
    ...changes.map((r) => ({ ...r, id: String(r.id), version: r.version, at: new Date(r.at).toISOString() })),
    ...decisions.map((r) => ({ ...r, id: `s${r.id}`, version: null, at: new Date(r.at).toISOString() })),
  ].sort((a, b) => b.at.localeCompare(a.at) || Number(b.id.replace('s', '')) - Number(a.id.replace('s', '')))
}
