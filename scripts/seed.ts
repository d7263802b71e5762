/**
 * `npm run db:seed [-- FILE]`: loads a seed file (default: the illustrative Jiangbei sample) into DATABASE_URL or
 * the embedded database. Existing rows are kept, so it is safe to run again.
 */
import { openDatabase } from '../api/db/open.js'
import { readSampleData } from '../api/db/sample-file.js'
import { seedSampleData } from '../api/db/seed.js'

const file = process.argv[2]
try {
  const handle = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? 'data/pglite',
    log: (line) => console.error(line),
    seed: false,
  })
  try {
    const data = await readSampleData(file ? new URL(file, `file://${process.cwd()}/`) : undefined)
    const { places } = await seedSampleData(handle.db, data)
    console.error(`Seeded ${places} new places (of ${data.places.length} in the file). ${data.notice}`)
  } finally {
    await handle.close()
  }
} catch (error) {
  console.error(`Nothing seeded: ${(error as Error).message}`)
  process.exitCode = 1
}
