import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

export async function countPlacesByCategory(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('place')
    .where('deleted_at', 'is', null)
    .select(['category', sql<string>`count(*)`.as('n')])
    .groupBy('category')
    .execute()
  return new Map(rows.map((r) => [r.category, Number(r.n)]))
}

export async function countPlacesByAmenity(db: Db): Promise<Map<string, number>> {
  const rows = await sql<{ code: string; n: string }>`
    SELECT code, count(*) AS n FROM place, unnest(amenities) AS code WHERE deleted_at IS NULL GROUP BY code`.execute(db)
  return new Map(rows.rows.map((r) => [r.code, Number(r.n)]))
}

export async function listAreas(db: Db) {
  return db.selectFrom('area').select(['code', 'name_zh', 'name_en']).orderBy('code').execute()
}
