import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DatabaseHandle } from './handle.js'
import { lockDataDir } from './data-dir-lock.js'
import { migrate } from './migrate.js'
import { readMigrationFiles } from './migration-files.js'
import { readSampleData } from './sample-file.js'
import { seedSampleData } from './seed.js'
import { vacuumPlacesIfStale } from '../queries/maintenance.js'

export interface OpenOptions {
  databaseUrl?: string | undefined
  dataDir: string
  log?: (line: string) => void
  /** Load the sample when the place table is empty. Default: only for the embedded database. */
  seed?: boolean
}

/**
 * Node only: opens PostgreSQL when a URL is given, else the embedded PGlite+PostGIS in `dataDir`, and applies
 * pending migrations. The embedded database is seeded with the sample on first start; a real one only by
 * `npm run db:seed`. Drivers are imported lazily so PGlite is never loaded when a real database is used.
 */
export async function openDatabase({ databaseUrl, dataDir, log = () => {}, seed }: OpenOptions): Promise<DatabaseHandle> {
  let handle: DatabaseHandle
  if (databaseUrl) {
    const { createPostgresDb } = await import('./connect-postgres.js')
    handle = createPostgresDb(databaseUrl)
  } else {
    const fresh = !existsSync(dataDir)
    log(
      fresh
        ? `Creating the embedded database in ${dataDir} (first start takes 10–20 s)…`
        : `Opening the embedded database in ${dataDir}…`,
    )
    mkdirSync(dirname(dataDir), { recursive: true })
    const release = dataDir.includes('://') ? () => {} : lockDataDir(dataDir)
    const { createEmbeddedDb } = await import('./connect-embedded.js')
    try {
      const opened = await createEmbeddedDb({ dataDir })
      handle = {
        ...opened,
        close: async () => {
          try {
            await opened.close()
          } finally {
            release()
          }
        },
      }
    } catch (error) {
      release()
      throw error
    }
  }
  const files = await readMigrationFiles()
  const applied = await migrate(handle, files)
  // Say so either way: a silent second `db:migrate` reads like it did nothing wrong, or nothing at all.
  log(
    applied.length ? `Applied migrations: ${applied.join(', ')}` : `Migrations: nothing to apply (all ${files.length} in place)`,
  )
  const { count } = await handle.db
    .selectFrom('place')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow()
  if ((seed ?? handle.kind === 'embedded') && Number(count) === 0) {
    const { places } = await seedSampleData(handle.db, await readSampleData())
    log(`Loaded the Jiangbei sample data (${places} places; illustrative, not an official list)`)
  }
  // PGlite has no autovacuum: statistics and the visibility map are brought up to date here when stale.
  if (handle.kind === 'embedded' && (await vacuumPlacesIfStale(handle.db))) log('Vacuumed and analysed the places')
  return handle
}
