import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createEmbeddedDb } from '../../api/db/connect-embedded.js'
import { createPostgresDb } from '../../api/db/connect-postgres.js'
import type { DatabaseHandle } from '../../api/db/handle.js'
import { migrate } from '../../api/db/migrate.js'
import { readMigrationFiles } from '../../api/db/migration-files.js'
import { readSampleData, SAMPLE_FILE } from '../../api/db/sample-file.js'
import { seedSampleData } from '../../api/db/seed.js'

const CACHE_DIR = new URL('../../node_modules/.cache/waystation/', import.meta.url)

async function migrateAndSeed(handle: DatabaseHandle) {
  await migrate(handle, await readMigrationFiles())
  await seedSampleData(handle.db, await readSampleData())
}

/**
 * With DATABASE_URL: resets that database (its name must contain "test") and loads schema and sample.
 * Without: builds, once per schema/sample version, a dump of a migrated and seeded PGlite data folder that
 * the test worker loads in memory (seconds, instead of ~20 s of initdb + PostGIS every run).
 */
export async function prepareTestDatabase(log: (line: string) => void): Promise<{ embeddedTemplate?: string }> {
  const url = process.env.DATABASE_URL
  if (url) {
    const name = new URL(url).pathname.slice(1)
    if (!name.includes('test')) throw new Error(`Refusing to reset database '${name}': use a database whose name contains "test"`)
    const handle = createPostgresDb(url)
    try {
      await handle.execScript('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
      await migrateAndSeed(handle)
      log(`PostgreSQL database '${name}' reset and seeded`)
    } finally {
      await handle.close()
    }
    return {}
  }
  const migrations = await readMigrationFiles()
  const hash = createHash('sha256')
  for (const m of migrations) hash.update(m.name).update(m.sql)
  hash.update(readFileSync(SAMPLE_FILE))
  const template = new URL(`template-${hash.digest('hex').slice(0, 16)}.tar`, CACHE_DIR)
  if (!existsSync(template)) {
    log('building the embedded test database template (once; ~20 s)…')
    mkdirSync(CACHE_DIR, { recursive: true })
    const handle = await createEmbeddedDb({ dataDir: 'memory://' })
    try {
      await migrateAndSeed(handle)
      const dump = await handle.dump!()
      writeFileSync(new URL(`${template.pathname}.partial`, 'file://'), Buffer.from(await dump.arrayBuffer()))
      renameSync(new URL(`${template.pathname}.partial`, 'file://'), template)
    } finally {
      await handle.close()
    }
  }
  return { embeddedTemplate: template.pathname }
}
