import type { Db, NewPlace } from '../db/schema.js'
import type { FieldChanges } from '../lib/place-diff.js'
import { toColumns } from './place-changes.js'

/** Inserts a new place and its `create` audit record together; `false` when the id is taken. */
export async function createPlaceWithAudit(
  db: Db,
  place: { id: string; category: string; source: string; fields: Record<string, unknown> },
  audit: { accountId: string; username: string },
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('place')
      // The create body's schema requires every column a place must have (names, location, …).
      .values({
        id: place.id,
        category: place.category,
        source: place.source,
        ...toColumns(place.fields),
        created_at: now,
        updated_at: now,
      } as NewPlace)
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
