import { placeRecordToRow } from '../queries/place-rows.js'
import type { SampleData } from '../schemas/place-record.js'
import type { Db } from './schema.js'

/**
 * Loads areas, organisations and places. Existing rows are left alone, so re-seeding never overwrites
 * what staff have edited. One transaction: all or nothing.
 */
export async function seedSampleData(db: Db, data: SampleData): Promise<{ places: number }> {
  return db.transaction().execute(async (trx) => {
    if (data.areas.length)
      await trx
        .insertInto('area')
        .values(data.areas)
        .onConflict((oc) => oc.column('code').doNothing())
        .execute()
    if (data.organisations.length)
      await trx
        .insertInto('organisation')
        .values(data.organisations)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    let inserted = 0
    for (let i = 0; i < data.places.length; i += 500) {
      const rows = data.places.slice(i, i + 500).map(placeRecordToRow)
      const result = await trx
        .insertInto('place')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst()
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    return { places: inserted }
  })
}
