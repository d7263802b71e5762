/** `npm run db:migrate`: applies pending sql/migrations to DATABASE_URL (or the embedded database in DATA_DIR). */
import { openDatabase } from '../api/db/open.js'

const handle = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.DATA_DIR ?? 'data/pglite',
  log: (line) => console.error(line),
  seed: false,
})
await handle.close()
