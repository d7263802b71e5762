import { sql } from 'kysely'
import type { Staff } from '../auth/staff.js'
import type { Db } from '../db/schema.js'

/** Not verified for this many days → the staff list warns. */
export const STALE_AFTER_DAYS = 90

/** The places a staff member looks after (all for an admin, deleted ones included), with open-report counts. */
export async function listStaffPlaces(db: Db, staff: Staff, now: Date) {
  let q = db.selectFrom('place as p').select((eb) => [
    'p.id',
    'p.category',
    'p.name_zh',
    'p.name_en',
    'p.organisation_id',
    'p.status',
    'p.version',
    'p.last_verified_at',
    'p.deleted_at',
    sql<number>`ST_X(p.location::geometry)`.as('lng'),
    sql<number>`ST_Y(p.location::geometry)`.as('lat'),
    eb
      .selectFrom('place_report as r')
      .whereRef('r.place_id', '=', 'p.id')
      .where('r.status', '=', 'open')
      .select((e) => e.fn.countAll<string>().as('n'))
      .as('open_reports'),
  ])
  if (staff.role !== 'admin') {
    if (staff.organisations.length === 0) return []
    q = q.where('p.organisation_id', 'in', staff.organisations).where('p.deleted_at', 'is', null)
  }
  const staleBefore = now.getTime() - STALE_AFTER_DAYS * 86_400_000
  const rows = await q.orderBy('p.id').limit(5000).execute()
  return rows.map((r) => ({
    ...r,
    last_verified_at: r.last_verified_at && new Date(r.last_verified_at).toISOString(),
    deleted_at: r.deleted_at && new Date(r.deleted_at).toISOString(),
    open_reports: Number(r.open_reports ?? 0),
    stale: r.last_verified_at === null || new Date(r.last_verified_at).getTime() < staleBefore,
  }))
}
