import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

/** Every column the importer reads, for one place. */
export async function* exportPlaceRows(db: Db, batchSize = 500) {
  let after = ''
  for (;;) {
    // Keyset pagination by id: each batch is one indexed range scan, whatever the table size.
    const rows = await db
      .selectFrom('place')
      .where('deleted_at', 'is', null)
      .where('id', '>', after)
      .select([
        'id',
        'external_id',
        'category',
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
        'organisation_id',
        'description_zh',
        'description_en',
        'details',
        'source',
        sql<number>`ST_X(location::geometry)`.as('lng'),
        sql<number>`ST_Y(location::geometry)`.as('lat'),
      ])
      .orderBy('id')
      .limit(batchSize)
      .execute()
    if (rows.length) yield rows
    if (rows.length < batchSize) return
    after = rows[rows.length - 1]!.id
  }
}
export type ExportRow = Awaited<ReturnType<ReturnType<typeof exportPlaceRows>['next']>>['value'] extends infer B
  ? B extends Array<infer R>
    ? R
    : never
  : never
