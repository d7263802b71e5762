import type { Db } from '../db/schema.js'
import type { StaffAuditTable } from '../db/staff-schema.js'
import type { FieldChanges } from '../lib/place-diff.js'

/** Who made a change: the signed-in account, or a named command-line run (no account). */
export interface Actor {
  accountId: string | null
  username: string
}

/** One staff_audit row (account or report change); call it inside the change's own transaction. */
export async function recordStaffAudit(
  trx: Db,
  entry: { actor: Actor; action: StaffAuditTable['action']; subject: string; placeId?: string; changes: FieldChanges; now: Date },
) {
  await trx
    .insertInto('staff_audit')
    .values({
      account_id: entry.actor.accountId,
      username: entry.actor.username,
      action: entry.action,
      subject: entry.subject,
      place_id: entry.placeId ?? null,
      changes: JSON.stringify(entry.changes),
      at: entry.now,
    })
    .execute()
}
