/**
 * The embedded database has no autovacuum; vacuumPlacesIfStale does its job for the places when most of their
 * pages are not known all-visible, and nothing when they are (on PostgreSQL, what autovacuum would have done).
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { mostlyAllVisible, vacuumPlacesIfStale } from '../../api/queries/maintenance.js'
import { createPlaces } from '../helpers/fixtures.js'
import { testDatabase } from '../helpers/test-db.js'

describe('vacuumPlacesIfStale', () => {
  it('vacuums and analyses stale places once, then leaves them be', async () => {
    const { db } = await testDatabase()
    await createPlaces(30)
    const { count } = await db
      .selectFrom('place')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow()
    // Every page just written: none is known all-visible yet.
    await sql`UPDATE place SET phone = phone`.execute(db)
    expect(await mostlyAllVisible(db)).toBe(false)
    expect(await vacuumPlacesIfStale(db)).toBe(true)
    expect(await mostlyAllVisible(db)).toBe(true)
    const { rows } = await sql<{ analysed: boolean }>`
      SELECT reltuples = ${Number(count)} AS analysed FROM pg_class WHERE oid = 'place'::regclass`.execute(db)
    expect(rows[0]?.analysed).toBe(true)
    expect(await vacuumPlacesIfStale(db)).toBe(false)
  })
})
