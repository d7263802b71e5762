/**
 * Test databases: one migrated and seeded template per schema version, and one clone of it per test file.
 *
 * - PostgreSQL (DATABASE_URL=…/<base>): the template is the database `<base>_tpl`; each test file gets
 *   `CREATE DATABASE <base>_w<worker>_<n> TEMPLATE <base>_tpl` (a file copy: ~0.2 s). Names derive from the
 *   URL's database name, so runs against different databases never touch each other's clones.
 * - Embedded PGlite: the template is a tarball of a migrated and seeded data folder in node_modules/.cache
 *   (git-ignored); each test file loads its own in-memory copy of it (`loadDataDir`), so no initdb per file.
 *
 * Both templates are keyed by a hash of what shapes the data (migrations, sample, the code that loads them), so
 * a warm run skips the ~20 s build and a changed migration rebuilds it.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import pg from 'pg'
import { createEmbeddedDb } from '../../api/db/connect-embedded.js'
import { createPostgresDb } from '../../api/db/connect-postgres.js'
import type { DatabaseHandle } from '../../api/db/handle.js'
import { migrate } from '../../api/db/migrate.js'
import { readMigrationFiles } from '../../api/db/migration-files.js'
import { readSampleData } from '../../api/db/sample-file.js'
import { seedSampleData } from '../../api/db/seed.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const CACHE_DIR = join(ROOT, 'node_modules/.cache/waystation')

async function migrateAndSeed(handle: DatabaseHandle) {
  await migrate(handle, await readMigrationFiles())
  await seedSampleData(handle.db, await readSampleData())
}

/** Everything that decides what a fresh template contains. */
function templateHash(): string {
  const hash = createHash('sha256')
  const walk = (path: string) => {
    const full = join(ROOT, path)
    if (!existsSync(full)) return
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) walk(join(path, name))
      return
    }
    hash.update(path).update(readFileSync(full))
  }
  for (const path of ['sql', 'api/db', 'api/schemas', 'api/queries/place-rows.ts', 'tests/helpers/prepare-database.ts'])
    walk(path)
  hash.update(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json')))
  return hash.digest('hex').slice(0, 16)
}

// ---------------------------------------------------------------------------------------------- PostgreSQL

/** The database name in a connection URL, and the URL of another database on the same server. */
export const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1))
export function withDatabase(url: string, name: string): string {
  const next = new URL(url)
  next.pathname = `/${encodeURIComponent(name)}`
  return next.toString()
}
export const templateName = (base: string) => `${base}_tpl`
/** The clone for the n-th file a worker runs. */
export function cloneName(base: string, worker: string, n: number) {
  const name = `${base}_w${worker}_${n}`
  if (Buffer.byteLength(name) > 63) throw new Error(`Test database name '${name}' is longer than PostgreSQL's 63 bytes`)
  return name
}
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** A short-lived connection to the server's maintenance database, for CREATE/DROP DATABASE. */
export async function withAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') })
  client.on('error', () => {})
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** Every clone of `base` left on the server (by this run, or by an earlier run that was interrupted). */
async function listClones(url: string): Promise<string[]> {
  const base = databaseName(url)
  return withAdmin(url, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      String.raw`SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname ~ '_w[0-9]+_[0-9]+$'`,
      [`${likeEscape(base)}\\_w%`],
    )
    return rows.map((r) => r.datname)
  })
}

/** Drops one database, closing its connections (PostgreSQL ≥ 13). */
export const dropDatabase = (url: string, name: string) =>
  withAdmin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`))

/**
 * Drops every clone of the run's database. A DROP DATABASE waits for a checkpoint (~1 s), and concurrent ones share
 * it, so they run side by side (a few at a time, to leave connections for everyone else on the server).
 */
export async function dropClones(url: string): Promise<number> {
  const names = await listClones(url)
  const queue = [...names]
  await Promise.all(
    Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) await dropDatabase(url, name)
    }),
  )
  return names.length
}

/** Creates the clone of the template (retrying briefly if another session still holds the template). */
export async function createClone(url: string, name: string): Promise<string> {
  const template = templateName(databaseName(url))
  await withAdmin(url, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`)
        return
      } catch (error) {
        const code = (error as { code?: string }).code
        if (code === '42P04') {
          // Left by an earlier worker with the same number: take it away and start clean.
          await client.query(`DROP DATABASE ${quote(name)} WITH (FORCE)`)
        } else if (code !== '55006' || attempt > 50)
          throw error // 55006: template in use by another session
        else await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  })
  return withDatabase(url, name)
}

/** Builds `<base>_tpl` unless it already holds this schema version (its COMMENT records the hash). */
async function preparePostgresTemplate(url: string, log: (line: string) => void) {
  const base = databaseName(url)
  if (!base.includes('test')) throw new Error(`Refusing to use database '${base}': its name must contain "test"`)
  const template = templateName(base)
  const hash = templateHash()
  const current = await withAdmin(url, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [template],
    )
    return rows[0]?.comment
  })
  if (current === `waystation test template ${hash}`) return
  log(`building the PostgreSQL template database '${template}'…`)
  await dropDatabase(url, template)
  await withAdmin(url, (client) => client.query(`CREATE DATABASE ${quote(template)}`))
  const handle = createPostgresDb(withDatabase(url, template), { max: 1, statementTimeoutMillis: 120_000 })
  try {
    await migrateAndSeed(handle)
  } finally {
    await handle.close()
  }
  // Written last: a half-built template never passes for a finished one.
  await withAdmin(url, (client) =>
    client.query(`COMMENT ON DATABASE ${quote(template)} IS ${client.escapeLiteral(`waystation test template ${hash}`)}`),
  )
}

// ------------------------------------------------------------------------------------------------- PGlite

/**
 * PostGIS for the test files' PGlite copies, without what a migrated template never loads again: the raster and
 * topology libraries and the extension install scripts (~85 MB of the bundle's 95). Every file would otherwise
 * unzip and compile them: over a second each. The production database keeps the full bundle.
 */
function slimPostgisBundle(): string {
  const source = join(ROOT, 'node_modules/@electric-sql/pglite-postgis/dist/postgis.tar.gz')
  const version = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16)
  const target = join(CACHE_DIR, `postgis-tests-${version}.tar.gz`)
  if (existsSync(target)) return target
  const tar = gunzipSync(readFileSync(source))
  const kept: Buffer[] = []
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const field = (from: number, length: number) =>
      header
        .subarray(from, from + length)
        .toString('latin1')
        .replace(/\0.*$/s, '')
    const name = `${field(345, 155) ? `${field(345, 155)}/` : ''}${field(0, 100)}`
    const size = Number.parseInt(field(124, 12).trim() || '0', 8)
    const end = at + 512 + Math.ceil(size / 512) * 512
    const isLibrary = name.startsWith('lib/postgresql/') && name.endsWith('.so')
    const keep = isLibrary ? name === 'lib/postgresql/postgis-3.so' : !/^share\/postgresql\/.*\.sql$/.test(name)
    if (keep) kept.push(tar.subarray(at, end))
    at = end
  }
  kept.push(Buffer.alloc(1024))
  mkdirSync(CACHE_DIR, { recursive: true })
  writeFileSync(`${target}.partial`, gzipSync(Buffer.concat(kept), { level: 1 }))
  renameSync(`${target}.partial`, target)
  return target
}

async function prepareEmbeddedTemplate(log: (line: string) => void): Promise<string> {
  const template = join(CACHE_DIR, `template-${templateHash()}.tar`)
  if (existsSync(template)) return template
  log('building the embedded test database template (once per schema version; ~20 s)…')
  mkdirSync(CACHE_DIR, { recursive: true })
  const handle = await createEmbeddedDb({ dataDir: 'memory://' })
  try {
    await migrateAndSeed(handle)
    const dump = await handle.dump!()
    writeFileSync(`${template}.partial`, Buffer.from(await dump.arrayBuffer()))
    renameSync(`${template}.partial`, template)
  } finally {
    await handle.close()
  }
  return template
}

export interface PreparedTemplates {
  /** Embedded: the data-folder tarball and the slim PostGIS bundle each file's PGlite loads. */
  embeddedTemplate?: string
  postgisBundle?: string
}

/** Readies the template for this run (building it only when the schema changed) and clears stale clones. */
export async function prepareTestDatabase(log: (line: string) => void): Promise<PreparedTemplates> {
  const url = process.env.DATABASE_URL
  if (url) {
    const dropped = await dropClones(url)
    if (dropped) log(`dropped ${dropped} test database(s) left by an earlier run`)
    await preparePostgresTemplate(url, log)
    return {}
  }
  return { embeddedTemplate: await prepareEmbeddedTemplate(log), postgisBundle: slimPostgisBundle() }
}
