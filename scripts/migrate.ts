/** `npm run db:migrate`: applies pending sql/migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
import { openDatabase } from '../api/db/open.js'

try {
  const handle = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? 'data/pglite',
    log: (line) => console.error(line),
    seed: false,
  })
  await handle.close()
} catch (error) {
  // One line, not a stack trace: the database is busy, unreachable, or a migration failed.
  console.error(`Migrations not applied: ${(error as Error).message}`)
  process.exitCode = 1
}
