import type { Db } from '../db/schema.js'
import type { PlaceReportTable } from '../db/staff-schema.js'
import { inTransaction } from './place-changes.js'
import type { Staff } from '../auth/staff.js'
import { recordStaffAudit, type Actor } from './staff-audit.js'

export async function insertReport(
  db: Db,
  report: { placeId: string; kind: PlaceReportTable['kind']; amenity: string | null; message: string; now: Date },
) {
  const row = await db
    .insertInto('place_report')
    .values({
      place_id: report.placeId,
      kind: report.kind,
      amenity: report.amenity,
      message: report.message,
      created_at: report.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return String(row.id)
}

/** Reports on the places this staff member edits (all places for an administrator), newest first. */
export async function listReports(
  db: Db,
  staff: Staff,
  filter: { status: 'open' | 'resolved' | 'dismissed' | 'all'; place?: string | undefined },
) {
  let q = db
    .selectFrom('place_report as r')
    .innerJoin('place as p', 'p.id', 'r.place_id')
    .select([
      'r.id',
      'r.place_id',
      'p.name_zh as place_name_zh',
      'p.name_en as place_name_en',
      'p.organisation_id',
      'r.kind',
      'r.amenity',
      'r.message',
      'r.status',
      'r.created_at',
      'r.handled_at',
      'r.handled_by',
      'r.handling_note',
    ])
  if (filter.status !== 'all') q = q.where('r.status', '=', filter.status)
  if (filter.place) q = q.where('r.place_id', '=', filter.place)
  if (staff.role !== 'admin') {
    if (staff.organisations.length === 0) return []
    q = q.where('p.organisation_id', 'in', staff.organisations)
  }
  const rows = await q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(500).execute()
  return rows.map((r) => ({
    ...r,
    id: String(r.id),
    created_at: new Date(r.created_at).toISOString(),
    handled_at: r.handled_at && new Date(r.handled_at).toISOString(),
  }))
}

export async function getReportPlace(db: Db, id: string) {
  return db
    .selectFrom('place_report as r')
    .innerJoin('place as p', 'p.id', 'r.place_id')
    .select(['r.id', 'r.status', 'r.kind', 'r.amenity', 'r.place_id', 'p.organisation_id'])
    .where('r.id', '=', id)
    .executeTakeFirst()
}

/** Closes an open report with its staff_audit row; `false` if it was already handled (by someone else a moment ago). */
export async function decideReport(
  db: Db,
  id: string,
  decision: { status: 'resolved' | 'dismissed'; note: string; actor: Actor; now: Date },
) {
  // In the caller's transaction when there is one (a decision that also marks a facility out of order).
  return inTransaction(db, async (trx) => {
    const decided = await trx
      .updateTable('place_report')
      .set({
        status: decision.status,
        handling_note: decision.note || null,
        handled_by: decision.actor.username,
        handled_at: decision.now,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returning('place_id')
      .executeTakeFirst()
    if (!decided) return false
    await recordStaffAudit(trx, {
      actor: decision.actor,
      action: 'report_decide',
      subject: `report:${id}`,
      placeId: decided.place_id,
      changes: {
        status: { before: 'open', after: decision.status },
        ...(decision.note ? { handling_note: { before: null, after: decision.note } } : {}),
      },
      now: decision.now,
    })
    return true
  })
}
