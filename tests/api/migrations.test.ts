import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../api/db/migrate.js'
import { readMigrationFiles } from '../../api/db/migration-files.js'
import { createPostgresDb } from '../../api/db/connect-postgres.js'
import { testDatabase, testDatabaseUrl } from '../helpers/test-db.js'

describe('migrations', () => {
  it('are recorded once and never re-applied', async () => {
    const handle = await testDatabase()
    const files = await readMigrationFiles()
    expect(await migrate(handle, files)).toEqual([])
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(handle.db)
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name))
  })

  it('roll back a failing migration completely', async () => {
    const handle = await testDatabase()
    const broken = { name: '9999_broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }
    await expect(migrate(handle, [...(await readMigrationFiles()), broken])).rejects.toThrow()
    const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('half_done')::text AS t`.execute(handle.db)
    expect(rows[0]!.t).toBeNull()
    const recorded = await sql`SELECT 1 FROM schema_migration WHERE name = '9999_broken'`.execute(handle.db)
    expect(recorded.rows).toHaveLength(0)
    // The connection is usable afterwards.
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db)).rows[0]!.one).toBe(1)
  })

  // A migration over a city's places (a table rewrite, an index) runs longer than the API's statement timeout.
  it.skipIf(!process.env.DATABASE_URL)('run without the statement timeout the API queries have', async () => {
    const strict = createPostgresDb(await testDatabaseUrl(), { statementTimeoutMillis: 100 })
    try {
      const slow = { name: '9998_slow', sql: 'SELECT pg_sleep(0.3); CREATE TABLE slow_done (id int);' }
      expect(await migrate(strict, [...(await readMigrationFiles()), slow])).toEqual(['9998_slow'])
      await expect(sql`SELECT pg_sleep(0.3)`.execute(strict.db)).rejects.toThrow(/statement timeout/)
    } finally {
      await strict.close()
    }
  })
})
