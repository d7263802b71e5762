import type { Db } from '../db/schema.js'
import type { FieldChanges } from '../lib/place-diff.js'
import { toColumns } from './place-changes.js'
import { geographyPoint } from './place-rows.js'

/** Inserts a new place and its `create` audit record together; `false` when the id is taken. */
export async function createPlaceWithAudit(
  db: Db,
  place: {
    id: string
    category: string
    source: string
    /** What a place must have, given apart so the insert is typed; `fields` holds them too, for the audit. */
    required: { name_zh: string; location: readonly [number, number] }
    fields: Record<string, unknown>
  },
  audit: { accountId: string; username: string },
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('place')
      .values({
        ...toColumns(place.fields),
        id: place.id,
        category: place.category,
        source: place.source,
        name_zh: place.required.name_zh,
        location: geographyPoint(...place.required.location),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('version')
      .executeTakeFirst()
    if (!inserted) return false
    const changes: FieldChanges = {}
    for (const [field, after] of Object.entries({ category: place.category, ...place.fields }))
      changes[field] = { before: null, after }
    await trx
      .insertInto('place_audit')
      .values({
        place_id: place.id,
        account_id: audit.accountId,
        username: audit.username,
        action: 'create',
        changes: JSON.stringify(changes),
        version: inserted.version,
        at: now,
      })
      .execute()
    return true
  })
}
