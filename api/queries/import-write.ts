import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { recordImportAudit, snapshotPlaces } from './place-snapshots.js'
import type { Actor } from './staff-audit.js'
import type { PlaceRecord } from '../schemas/place-record.js'
import type { Column } from '../import/columns.js'

export const BATCH_SIZE = 1000

/**
 * The place columns an import writes, each with its SQL type and value. Rows go to the database as one array
 * per column (`unnest($1::text[], …)`): a short statement with 20 parameters however many rows, which PostgreSQL
 * parses and plans far faster than a 1000-row VALUES list with 20,000.
 */
const WRITTEN: Array<[string, string, (r: PlaceRecord) => unknown]> = [
  ['id', 'text', (r) => r.id],
  ['external_id', 'text', (r) => r.external_id ?? null],
  ['category', 'text', (r) => r.category],
  ['name_zh', 'text', (r) => r.name_zh],
  ['name_en', 'text', (r) => r.name_en ?? null],
  ['address_zh', 'text', (r) => r.address_zh ?? null],
  ['address_en', 'text', (r) => r.address_en ?? null],
  ['area_code', 'text', (r) => r.area_code ?? null],
  ['lng', 'float8', (r) => r.location[0]],
  ['lat', 'float8', (r) => r.location[1]],
  ['phone', 'text', (r) => r.phone ?? null],
  ['organisation_id', 'text', (r) => r.organisation_id ?? null],
  ['description_zh', 'text', (r) => r.description_zh ?? null],
  ['description_en', 'text', (r) => r.description_en ?? null],
  // Codes are [a-z_] only, so `{a,b}` is a safe array literal.
  ['amenities', 'text', (r) => `{${r.amenities.join(',')}}`],
  ['opening_hours', 'jsonb', (r) => (r.opening_hours ? JSON.stringify(r.opening_hours) : null)],
  ['staffed_hours', 'jsonb', (r) => (r.staffed_hours ? JSON.stringify(r.staffed_hours) : null)],
  ['access', 'jsonb', (r) => (r.access ? JSON.stringify(r.access) : null)],
  ['amenity_status', 'jsonb', (r) => JSON.stringify(r.amenity_status)],
  ['status', 'text', (r) => r.status],
  ['status_reason', 'text', (r) => r.status_reason ?? null],
  ['status_until', 'date', (r) => r.status_until ?? null],
  ['details', 'jsonb', (r) => JSON.stringify(r.details)],
  ['source', 'text', (r) => r.source],
]
const TABLE_COLUMNS = WRITTEN.map(([c]) => c)
  .filter((c) => c !== 'lng' && c !== 'lat')
  .concat('location')
const selectValue = (c: string) =>
  c === 'location'
    ? sql`ST_SetSRID(ST_MakePoint(u.lng, u.lat), 4326)::geography`
    : c === 'amenities'
      ? sql`u.amenities::text[]`
      : sql.ref(`u.${c}`)

/** The table columns an import may change (`lng`/`lat` → `location`); `id` never changes on update. */
function updatableColumns(fileColumns: Set<Column>): string[] {
  const out = new Set<string>()
  for (const c of fileColumns) {
    if (c === 'lng' || c === 'lat') out.add('location')
    else if (c.startsWith('access_')) out.add('access')
    else if (c !== 'id') out.add(c)
  }
  out.add('source')
  return [...out].sort()
}

/**
 * A file without a details column keeps each place's details, except when it moves the place to another category:
 * the old details belong to the old category, so the new (validated, default) ones replace them.
 */
const detailsOnCategoryChange = (set: string[]) =>
  set.includes('category') && !set.includes('details')
    ? [sql`details = CASE WHEN place.category IS DISTINCT FROM excluded.category THEN excluded.details ELSE place.details END`]
    : []

export interface WriteCounts {
  inserted: number
  updated: number
  unchanged: number
}

async function upsertBatch(trx: Db, batch: PlaceRecord[], key: 'external_id' | 'id', columns: string[]) {
  const arrays = WRITTEN.map(([, type, value]) => sql`${sql.val(batch.map(value))}::${sql.raw(type)}[]`)
  const set = columns.filter((c) => c !== key)
  const cols = (table: string) =>
    sql.join(set.map((c) => (c === 'location' ? sql`ST_AsBinary(${sql.ref(`${table}.location`)})` : sql.ref(`${table}.${c}`))))
  // Rows identical to the stored place are filtered out before the insert: a re-import then costs one index
  // lookup per row instead of a speculative insert. The ON CONFLICT … WHERE repeats the test for concurrent edits.
  const result = await sql<{ id: string; inserted: boolean }>`
    WITH u AS (
      SELECT ${sql.join(TABLE_COLUMNS.map((c) => sql`${selectValue(c)} AS ${sql.ref(c)}`))}
        FROM unnest(${sql.join(arrays)}) AS u(${sql.join(WRITTEN.map(([c]) => sql.ref(c)))})
    )
    INSERT INTO place (${sql.join(TABLE_COLUMNS.map((c) => sql.ref(c)))})
    SELECT ${sql.join(TABLE_COLUMNS.map((c) => sql.ref(`u.${c}`)))} FROM u
     WHERE NOT EXISTS (SELECT 1 FROM place p WHERE p.${sql.ref(key)} = u.${sql.ref(key)} AND (${cols('p')}) IS NOT DISTINCT FROM (${cols('u')}))
    ON CONFLICT (${sql.ref(key)}) DO UPDATE
       SET ${sql.join([...set.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`), ...detailsOnCategoryChange(set), sql`version = place.version + 1`, sql`updated_at = now()`])}
     WHERE (${cols('place')}) IS DISTINCT FROM (${cols('excluded')})
    RETURNING id, (xmax = 0) AS inserted`.execute(trx)
  return result.rows
}

/**
 * Upserts in batches, keyed by external_id (or by id for rows without one). A row is only updated when a column
 * the file has differs, so re-importing a file changes nothing — not even `version`. Every place inserted or
 * updated gets an `import` audit row (before/after per field, read back from the database so it says exactly what
 * was written). Run inside the caller's transaction.
 */
export async function upsertPlaces(
  trx: Db,
  records: PlaceRecord[],
  fileColumns: Set<Column>,
  audit: { actor: Actor; now: Date },
): Promise<WriteCounts> {
  const columns = updatableColumns(fileColumns)
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const byKey = { external_id: records.filter((r) => r.external_id), id: records.filter((r) => !r.external_id) }
  for (const key of ['external_id', 'id'] as const) {
    const list = byKey[key]
    for (let i = 0; i < list.length; i += BATCH_SIZE) {
      const batch = list.slice(i, i + BATCH_SIZE)
      const keys = batch.map((r) => r[key]!)
      // Locked, so a staff edit cannot slip in between this snapshot and the write it describes.
      const before = new Map((await snapshotPlaces(trx, key, keys, { lock: true })).map((p) => [p.id, p]))
      const rows = await upsertBatch(trx, batch, key, columns)
      const after = await snapshotPlaces(
        trx,
        'id',
        rows.map((r) => r.id),
      )
      await recordImportAudit(
        trx,
        after.map((p) => ({ before: before.get(p.id), after: p })),
        audit.actor,
        audit.now,
      )
      const inserted = rows.filter((r) => r.inserted).length
      counts.inserted += inserted
      counts.updated += rows.length - inserted
      counts.unchanged += batch.length - rows.length
    }
  }
  return counts
}
