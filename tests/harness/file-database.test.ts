/**
 * Each test file starts from the template's data whatever the file before it wrote (tests/helpers/test-db.ts): on
 * the embedded database the worker's copy is put back by refilling the tables that changed, on PostgreSQL the file
 * gets a fresh clone. Here one file plays two: it writes every kind of change, ends as a file ends, and the next
 * file's database must hold exactly what the first one held before the writes — every table, row for row, and every
 * sequence.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createPlace, createStaff, ORG_MOBILE } from '../helpers/fixtures.js'
import { beginTestFile, endTestFile, testDatabase } from '../helpers/test-db.js'

/** Every user table's rows (hashed, in a stable order) and every sequence's position. */
async function fingerprint(): Promise<Record<string, string>> {
  const { db } = await testDatabase()
  const { rows: tables } = await sql<{ name: string }>`
    SELECT format('%I.%I', n.nspname, c.relname) AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'waystation_test_template')
      AND n.nspname NOT LIKE 'pg\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    ORDER BY 1`.execute(db)
  const print: Record<string, string> = {}
  for (const { name } of tables) {
    const { rows } = await sql<{ rows: number; hash: string }>`
      SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) AS hash
      FROM ${sql.raw(name)} AS t`.execute(db)
    print[name] = `${rows[0]!.rows} ${rows[0]!.hash}`
  }
  const { rows: sequences } = await sql<{ name: string; position: string | null }>`
    SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS position FROM pg_sequences
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`.execute(db)
  for (const { name, position } of sequences) print[`sequence ${name}`] = position ?? 'not called'
  return print
}

describe("a test file's database", () => {
  it("holds the template's data again after the file before it inserted, updated, deleted and truncated", async () => {
    const before = await fingerprint()
    expect(Object.keys(before)).toContain('public.place')

    const { db } = await testDatabase()
    await createPlace({ id: 'harness-new-place' }) // an insert
    await createStaff('editor', [ORG_MOBILE]) // inserts that advance sequences
    await sql`UPDATE place SET name_zh = name_zh || '（改）' WHERE id = (SELECT min(id) FROM place WHERE id <> 'harness-new-place')`.execute(
      db,
    )
    // An area is referenced by places: putting it back must take the places along (TRUNCATE needs both).
    await sql`UPDATE area SET name_zh = name_zh || '（改）' WHERE code = (SELECT min(code) FROM area)`.execute(db)
    await sql`DELETE FROM holiday_calendar WHERE date = (SELECT min(date) FROM holiday_calendar)`.execute(db)
    await sql`TRUNCATE rate_limit, schema_migration`.execute(db)
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`UPDATE organisation SET name_zh = '改'`.execute(trx) // rolled back: must change nothing
        throw new Error('roll back')
      })
      .catch(() => {})
    const written = await fingerprint()
    const changed = Object.keys(before).filter((key) => before[key] !== written[key])
    expect(changed).toEqual(
      expect.arrayContaining([
        'public.place',
        'public.area',
        'public.holiday_calendar',
        'public.schema_migration',
        'public.staff_account',
      ]),
    )
    expect(changed).not.toContain('public.organisation')

    await endTestFile()
    beginTestFile()
    expect(await fingerprint()).toEqual(before)
  })
})
