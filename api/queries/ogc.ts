import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import type { OgcItemsQuery } from '../schemas/ogc.js'
import { insideBbox } from './bbox.js'

function baseQuery(db: Db, query: Pick<OgcItemsQuery, 'bbox' | 'category'>) {
  let q = db.selectFrom('place').where('deleted_at', 'is', null)
  if (query.category) q = q.where('category', 'in', query.category)
  if (query.bbox) q = q.where(insideBbox(sql.ref('location'), query.bbox))
  return q
}

const FEATURE_COLUMNS = [
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
] as const

/** One page of places in id order, and how many match in all. */
export async function findOgcFeatures(db: Db, query: OgcItemsQuery) {
  const [rows, total] = await Promise.all([
    baseQuery(db, query)
      .select([
        ...FEATURE_COLUMNS,
        sql<number>`ST_X(location::geometry)`.as('lng'),
        sql<number>`ST_Y(location::geometry)`.as('lat'),
      ])
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    baseQuery(db, query)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, matched: Number(total.n) }
}
export type OgcFeatureRow = Awaited<ReturnType<typeof findOgcFeatures>>['rows'][number]

export async function getOgcFeature(db: Db, id: string): Promise<OgcFeatureRow | undefined> {
  return baseQuery(db, {})
    .where('id', '=', id)
    .select([
      ...FEATURE_COLUMNS,
      sql<number>`ST_X(location::geometry)`.as('lng'),
      sql<number>`ST_Y(location::geometry)`.as('lat'),
    ])
    .executeTakeFirst()
}

/** The bounding box of all public places, or undefined when there are none. */
export async function placesExtent(db: Db): Promise<[number, number, number, number] | undefined> {
  const { rows } = await sql<{ e: string | null; x1: number; y1: number; x2: number; y2: number }>`
    SELECT e::text AS e, ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2
      FROM (SELECT ST_Extent(location::geometry) AS e FROM place WHERE deleted_at IS NULL) AS extent`.execute(db)
  const r = rows[0]
  return r?.e ? [r.x1, r.y1, r.x2, r.y2] : undefined
}
