import type { DatabaseHandle } from './handle.js'
import { sql } from 'kysely'

export interface Migration {
  /** File name without extension, e.g. `0002_places`; applied in name order. */
  name: string
  sql: string
}

const MIGRATION_LOCK_KEY = 7_201_944_511

/**
 * Applies pending migrations in order, each in its own transaction together with its record in
 * `schema_migration`, so a failed migration leaves nothing behind and an applied one is never re-run.
 */
export async function migrate(handle: DatabaseHandle, migrations: Migration[]): Promise<string[]> {
  await handle.execScript(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`)
  const applied = await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(handle.db)
  const done = new Set(applied.rows.map((r) => r.name))
  const pending = [...migrations].sort((a, b) => a.name.localeCompare(b.name)).filter((m) => !done.has(m.name))
  for (const migration of pending) {
    if (!/^\d{4}_[a-z0-9_]+$/.test(migration.name)) throw new Error(`Bad migration name: ${migration.name}`)
    // Concurrent migrators serialise on the lock; the loser then fails on the primary key and rolls back. No
    // statement timeout (the API's is 5 s): rewriting or indexing a table of a city's places takes longer.
    await handle.execScript(`BEGIN;
SET LOCAL statement_timeout = 0;
SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
${migration.sql}
;
INSERT INTO schema_migration (name) VALUES ('${migration.name}');
COMMIT;`)
  }
  return pending.map((m) => m.name)
}
