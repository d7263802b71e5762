import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { diffFields, type FieldChanges } from '../lib/place-diff.js'
import type { Actor } from './staff-audit.js'

/** The fields of a place an import may write, as the audit records them (the shape staff edits use too). */
export async function snapshotPlaces(db: Db, key: 'id' | 'external_id', values: string[], options: { lock?: boolean } = {}) {
  if (!values.length) return []
  const query = db
    .selectFrom('place')
    .select([
      'id',
      'external_id',
      'category',
      'name_zh',
      'name_en',
      'address_zh',
      'address_en',
      'area_code',
      sql<[number, number]>`json_build_array(ST_X(location::geometry), ST_Y(location::geometry))`.as('location'),
      'phone',
      'organisation_id',
      'description_zh',
      'description_en',
      'amenities',
      'opening_hours',
      'status',
      'status_reason',
      sql<string | null>`status_until::text`.as('status_until'),
      'details',
      'source',
      'version',
    ])
    .where(key, 'in', values)
  return (options.lock ? query.forUpdate() : query).execute()
}
export type PlaceSnapshot = Awaited<ReturnType<typeof snapshotPlaces>>[number]

/** One `import` audit row per written place: before/after of every field that changed (all of them for a new one). */
export async function recordImportAudit(
  trx: Db,
  written: Array<{ before: PlaceSnapshot | undefined; after: PlaceSnapshot }>,
  actor: Actor,
  now: Date,
) {
  if (!written.length) return
  const fields = ({ version: _v, id: _i, ...rest }: PlaceSnapshot) => rest as Record<string, unknown>
  const rows = written.map(({ before, after }) => {
    const changes: FieldChanges = diffFields(before ? fields(before) : {}, fields(after))
    return {
      place_id: after.id,
      account_id: actor.accountId,
      username: actor.username,
      action: 'import' as const,
      changes: JSON.stringify(changes),
      version: after.version,
      at: now,
    }
  })
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('place_audit')
      .values(rows.slice(i, i + 500))
      .execute()
}
