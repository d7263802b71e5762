import { sql } from 'kysely'
import type { Staff } from '../auth/staff.js'
import type { Db } from '../db/schema.js'
import { WINDOW_MS, type Confirmation, type ConfirmationKind } from '../domain/confirmations.js'

/** Appends a confirmation and moves the place's last_confirmed_at (which lets other places skip the weighing). */
export async function insertConfirmation(
  db: Db,
  c: { placeId: string; kind: ConfirmationKind; amenity: string | null; now: Date },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('place_confirmation')
      .values({ place_id: c.placeId, kind: c.kind, amenity: c.amenity, created_at: c.now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('place')
      .set({ last_confirmed_at: sql<Date>`greatest(last_confirmed_at, ${c.now}::timestamptz)` })
      .where('id', '=', c.placeId)
      .execute()
    return String(row.id)
  })
}

/** The confirmations of the last 24 hours up to `now` of these places, by place. */
export async function recentConfirmations(db: Db, placeIds: string[], now: Date): Promise<Map<string, Confirmation[]>> {
  const byPlace = new Map<string, Confirmation[]>()
  if (!placeIds.length) return byPlace
  const rows = await db
    .selectFrom('place_confirmation')
    .select(['place_id', 'kind', 'amenity', 'created_at'])
    .where('place_id', 'in', placeIds)
    .where('created_at', '>', new Date(now.getTime() - WINDOW_MS))
    .where('created_at', '<=', now)
    .execute()
  for (const r of rows)
    byPlace.set(r.place_id, [...(byPlace.get(r.place_id) ?? []), { ...r, created_at: new Date(r.created_at) }])
  return byPlace
}

/** Staff: a place's confirmations, newest first (all of them: the table is the record). */
export async function confirmationTimeline(db: Db, placeId: string, limit = 500) {
  const rows = await db
    .selectFrom('place_confirmation')
    .select(['id', 'kind', 'amenity', 'created_at'])
    .where('place_id', '=', placeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, id: String(r.id), created_at: new Date(r.created_at).toISOString() }))
}

/**
 * Staff inbox flags: places (of this staff member's organisations) with "closed" confirmations, or "open" and
 * "closed" both, or broken amenities, in the 24 hours up to `now` and after their last verification.
 */
export async function confirmationFlags(db: Db, staff: Staff, now: Date) {
  let q = db
    .selectFrom('place_confirmation as c')
    .innerJoin('place as p', 'p.id', 'c.place_id')
    .where('p.deleted_at', 'is', null)
    .where('c.created_at', '>', new Date(now.getTime() - WINDOW_MS))
    .where('c.created_at', '<=', now)
    .where(sql<boolean>`(p.last_verified_at IS NULL OR p.last_verified_at > ${now} OR c.created_at > p.last_verified_at)`)
    .groupBy(['p.id', 'p.name_zh', 'p.name_en', 'p.organisation_id', 'p.last_verified_at'])
    .select([
      'p.id as place_id',
      'p.name_zh as place_name_zh',
      'p.name_en as place_name_en',
      'p.organisation_id',
      sql<number>`count(*) FILTER (WHERE c.kind = 'open')::integer`.as('open'),
      sql<number>`count(*) FILTER (WHERE c.kind = 'closed')::integer`.as('closed'),
      sql<number>`count(*) FILTER (WHERE c.kind = 'amenity_broken')::integer`.as('amenity_broken'),
      sql<Date>`max(c.created_at)`.as('last_at'),
      sql<boolean>`place_likely_closed(p.id, p.last_verified_at, ${now}::timestamptz)`.as('likely_closed'),
    ])
    .having(sql<boolean>`count(*) FILTER (WHERE c.kind IN ('closed', 'amenity_broken')) > 0`)
  if (staff.role !== 'admin') {
    if (staff.organisations.length === 0) return []
    q = q.where('p.organisation_id', 'in', staff.organisations)
  }
  const rows = await q.orderBy(sql`max(c.created_at)`, 'desc').limit(200).execute()
  return rows.map((r) => ({
    ...r,
    last_at: new Date(r.last_at).toISOString(),
    flag: r.closed > 0 && r.open > 0 ? 'conflicting' : r.closed > 0 ? 'closed' : 'amenity_broken',
  }))
}

/** The SQL verdict for one place at an instant (what its open_now follows). */
export async function placeLikelyClosed(db: Db, placeId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('place')
    .select(sql<boolean>`place_likely_closed(id, last_verified_at, ${now}::timestamptz)`.as('likely'))
    .where('id', '=', placeId)
    .executeTakeFirst()
  return row?.likely ?? false
}
