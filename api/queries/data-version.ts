import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

/** The data version (migration 0070): one primary-key read; it changes with every committed write to public data. */
export async function readDataVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: string }>`SELECT version::text AS version FROM data_version WHERE id`.execute(db)
  return rows[0]?.version ?? '0'
}
