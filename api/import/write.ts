import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../db/schema.js'
import { placeRecordToRow } from '../queries/place-rows.js'
import type { PlaceRecord } from '../schemas/place-record.js'
import type { Column } from './columns.js'

export const BATCH_SIZE = 1000

/** The table columns an import may set (`lng`/`lat` → `location`); `id` is never changed on update. */
function updatableColumns(fileColumns: Set<Column>): string[] {
  const out = new Set<string>()
  for (const c of fileColumns) {
    if (c === 'lng' || c === 'lat') out.add('location')
    else if (c !== 'id') out.add(c)
  }
  // Categories carry their own details, so a category change must also write the (validated) details.
  if (out.has('category')) out.add('details')
  out.add('source')
  return [...out].sort()
}

const compared = (table: 'place' | 'excluded', column: string) =>
  column === 'location' ? sql`ST_AsBinary(${sql.ref(`${table}.location`)})` : sql.ref(`${table}.${column}`)

export interface WriteCounts {
  inserted: number
  updated: number
  unchanged: number
}

/**
 * Multi-row `INSERT … ON CONFLICT DO UPDATE` in batches, keyed by external_id (or by id for rows without one).
 * A row is only updated when a column the file has differs, so re-importing a file changes nothing — not even
 * `version`. Run inside the caller's transaction.
 */
export async function upsertPlaces(
  trx: Db,
  records: PlaceRecord[],
  fileColumns: Set<Column>,
  onBatch: (written: number) => void = () => {},
): Promise<WriteCounts> {
  const columns = updatableColumns(fileColumns)
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const byKey = { external_id: records.filter((r) => r.external_id), id: records.filter((r) => !r.external_id) }
  let written = 0
  for (const key of ['external_id', 'id'] as const) {
    const keyColumns = columns.filter((c) => c !== key)
    const set: Record<string, RawBuilder<unknown>> = Object.fromEntries(keyColumns.map((c) => [c, sql`${sql.ref(`excluded.${c}`)}`]))
    set.version = sql`place.version + 1`
    set.updated_at = sql`now()`
    const changed = sql<boolean>`(${sql.join(keyColumns.map((c) => compared('place', c)))}) IS DISTINCT FROM (${sql.join(keyColumns.map((c) => compared('excluded', c)))})`
    const list = byKey[key]
    for (let i = 0; i < list.length; i += BATCH_SIZE) {
      const batch = list.slice(i, i + BATCH_SIZE)
      const result = await trx
        .insertInto('place')
        .values(batch.map(placeRecordToRow))
        .onConflict((oc) => oc.column(key).doUpdateSet(set as never).where(changed))
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute()
      const inserted = result.filter((r) => r.inserted).length
      counts.inserted += inserted
      counts.updated += result.length - inserted
      counts.unchanged += batch.length - result.length
      written += batch.length
      onBatch(written)
    }
  }
  return counts
}
