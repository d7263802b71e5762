import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Migration } from './migrate.js'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../sql/migrations/', import.meta.url))

/** Reads `sql/migrations/NNNN_name.sql` (Node only; the Worker never migrates). */
export async function readMigrationFiles(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()
  return Promise.all(
    files.map(async (file) => ({ name: file.replace(/\.sql$/, ''), sql: await readFile(`${dir}/${file}`, 'utf8') })),
  )
}
