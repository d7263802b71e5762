import type { Db } from '../db/schema.js'
import type { AmenityOutage } from '../domain/amenity-status.js'
import { decideReport } from './reports.js'
import { applyPlaceChange } from './place-changes.js'

export class ReportAlreadyHandled extends Error {}

/**
 * Staff confirm an "amenity broken" report: the amenity is marked out of order on the place (a new version with
 * its audit entry) and the report resolved, in one transaction, so neither happens without the other.
 */
export async function resolveWithOutage(
  db: Db,
  report: { id: string; place_id: string; amenity: string },
  outage: AmenityOutage,
  by: { accountId: string; username: string; note: string },
  now: Date,
): Promise<'done' | 'no_such_amenity'> {
  return db.transaction().execute(async (trx) => {
    const place = await trx
      .selectFrom('place')
      .select(['version', 'amenities', 'amenity_status'])
      .where('id', '=', report.place_id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (!place.amenities.includes(report.amenity)) return 'no_such_amenity'
    const after = { ...place.amenity_status, [report.amenity]: outage }
    await applyPlaceChange(trx, {
      placeId: report.place_id,
      expectedVersion: place.version,
      set: { amenity_status: JSON.stringify(after) },
      audit: {
        accountId: by.accountId,
        username: by.username,
        action: 'update',
        changes: { amenity_status: { before: place.amenity_status, after } },
      },
      now,
    })
    const decided = await decideReport(trx, report.id, {
      status: 'resolved',
      note: by.note,
      actor: { accountId: by.accountId, username: by.username },
      now,
    })
    // Someone handled the report a moment ago: undo the outage too.
    if (!decided) throw new ReportAlreadyHandled()
    return 'done'
  })
}
