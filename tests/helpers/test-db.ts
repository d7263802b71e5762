/**
 * Each test file's own database, in the state of the run's template (see prepare-database.ts), so no file sees
 * another file's writes and files can run side by side:
 * - PostgreSQL (DATABASE_URL): a clone `CREATE DATABASE … TEMPLATE`, dropped when the file ends.
 * - Embedded: the worker's first file loads an in-memory PGlite copy of the template data folder; each later file
 *   in that worker gets it back in the template's state (the tables the earlier file changed emptied and refilled
 *   from a copy taken at load, sequences and session settings reset) — 0.01–0.2 s, where a fresh copy costs ~2 s of
 *   CPU (PGlite and PostGIS start-up) that would double the suite's time. A file that changed the schema (or closed
 *   the database) gets a fresh copy instead.
 * Opened on first use; closed when the file ends (tests/helpers/open-database.ts).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { sql, type Kysely } from 'kysely'
import { inject } from 'vitest'
import { createApp } from '../../api/app.js'
import type { AppDeps } from '../../api/context.js'
import { createEmbeddedDb } from '../../api/db/connect-embedded.js'
import { createPostgresDb } from '../../api/db/connect-postgres.js'
import type { DatabaseHandle } from '../../api/db/handle.js'
import type { Database } from '../../api/db/schema.js'
import { cloneName, createClone, databaseName, dropDatabase, withDatabase } from './prepare-database.js'

interface FileDatabase {
  /** PostgreSQL: the clone's URL (also in process.env.DATABASE_URL while the file runs). */
  url?: string
  handle?: Promise<DatabaseHandle>
}

// The server URL the run was started with; process.env.DATABASE_URL points at the current file's clone.
const RUN_URL = (process.env.WAYSTATION_TEST_RUN_URL ??= process.env.DATABASE_URL ?? '') || undefined
let filesInWorker = 0
let current: FileDatabase | undefined

/** Called as each test file starts (setup file): a fresh database for it, not yet opened. */
export function beginTestFile(): void {
  current = {}
  filesInWorker++
  if (RUN_URL) {
    const name = cloneName(databaseName(RUN_URL), process.env.VITEST_POOL_ID ?? '0', filesInWorker)
    current.url = withDatabase(RUN_URL, name)
    process.env.DATABASE_URL = current.url
  }
}

/** Called as each test file ends: closes its database; a PostgreSQL clone is dropped in the background. */
export async function endTestFile(): Promise<void> {
  const ending = current
  current = undefined
  if (!ending?.handle) return
  const handle = await ending.handle.catch(() => undefined)
  if (!ending.url) return // the embedded database stays open for the worker's next file, which resets it
  await handle?.close()
  // DROP DATABASE waits for a checkpoint (~1 s): the next file need not wait for it. The run's teardown drops any
  // clone still there (and the next run's setup any left by an interrupted run).
  if (RUN_URL && ending.url) void dropDatabase(RUN_URL, databaseName(ending.url)).catch(() => {})
}

/** This file's database (opened on first use). */
export function testDatabase(): Promise<DatabaseHandle> {
  current ??= (beginTestFile(), current!) // used outside a test file (setup files run first): still one per file
  current.handle ??= current.url ? openClone(current.url) : openEmbedded()
  return current.handle
}

/** PostgreSQL only: the URL of this file's database, created if need be (for code that connects by itself). */
export async function testDatabaseUrl(): Promise<string> {
  await testDatabase()
  if (!current?.url) throw new Error('testDatabaseUrl() needs DATABASE_URL (real PostgreSQL)')
  return current.url
}

async function openClone(url: string): Promise<DatabaseHandle> {
  await createClone(RUN_URL!, databaseName(url))
  return createPostgresDb(url)
}

interface WorkerDatabase {
  handle: DatabaseHandle
  closed: boolean
  /** Puts the tables a file changed (and every sequence) back in the template's state. */
  reset: () => Promise<void>
  /** The catalog's shape: if a file changed it (DDL), a reset is not enough. */
  schema: string
}
let workerDatabase: WorkerDatabase | undefined

const SNAPSHOT = 'waystation_test_template'
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`
// Every kind of object a file could add, drop or alter; counts and the newest oid of each.
const SCHEMA_SIGNATURE = sql<{ signature: string }>`
  SELECT concat_ws(',',
    (SELECT count(*) || ':' || max(oid::int8) FROM pg_class),
    (SELECT count(*) FROM pg_attribute WHERE attnum > 0 AND NOT attisdropped),
    (SELECT count(*) || ':' || max(oid::int8) FROM pg_proc),
    (SELECT count(*) || ':' || max(oid::int8) FROM pg_type),
    (SELECT count(*) || ':' || max(oid::int8) FROM pg_constraint),
    (SELECT count(*) || ':' || max(oid::int8) FROM pg_trigger),
    (SELECT count(*) || ':' || max(oid::int8) FROM pg_namespace)) AS signature`

async function openEmbedded(): Promise<DatabaseHandle> {
  const reused = workerDatabase
  if (reused && !reused.closed) {
    try {
      await reused.handle.execScript('ROLLBACK') // a transaction a test left open would hold the reset back
      await reused.handle.execScript('DISCARD ALL') // session settings, temporary tables, prepared plans
      const { rows } = await SCHEMA_SIGNATURE.execute(reused.handle.db)
      if (rows[0]!.signature === reused.schema) {
        await reused.reset()
        return reused.handle
      }
    } catch {
      // Could not be put back: a fresh copy below.
    }
    await reused.handle.close().catch(() => {})
  }
  workerDatabase = undefined
  workerDatabase = await loadEmbedded()
  return workerDatabase.handle
}

let template: Blob | undefined
/** A fresh PGlite copy of the template, with a copy of its data to reset to. */
async function loadEmbedded(): Promise<WorkerDatabase> {
  cacheWasmModules()
  template ??= new Blob([readFileSync(inject('embeddedTemplate'))])
  const handle = await createEmbeddedDb({
    dataDir: 'memory://',
    loadDataDir: template,
    postgisBundle: pathToFileURL(inject('postgisBundle')),
  })
  const { db } = handle
  const { rows: tables } = await sql<{ name: string; columns: string }>`
    SELECT format('%I.%I', n.nspname, c.relname) AS name,
           string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\_%' AND c.relname <> 'spatial_ref_sys'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    GROUP BY n.nspname, c.relname`.execute(db)
  const { rows: sequences } = await sql<{ name: string; value: string; called: boolean }>`
    SELECT format('%I.%I', schemaname, sequencename) AS name, coalesce(last_value, start_value)::text AS value,
           last_value IS NOT NULL AS called
    FROM pg_sequences WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`.execute(db)
  const copy = (table: string) => `${SNAPSHOT}.${JSON.stringify(table.replace(/"/g, ''))}`
  await handle.execScript(
    [`CREATE SCHEMA ${SNAPSHOT}`, ...tables.map((t) => `CREATE TABLE ${copy(t.name)} AS SELECT ${t.columns} FROM ${t.name}`)]
      .map((statement) => `${statement};`)
      .join('\n'),
  )
  // TRUNCATE refuses a table that another table's foreign key references unless that table goes too.
  const { rows: references } = await sql<{ referenced: string; referencing: string }>`
    SELECT format('%I.%I', pn.nspname, p.relname) AS referenced, format('%I.%I', cn.nspname, c.relname) AS referencing
    FROM pg_constraint k
    JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
    WHERE k.contype = 'f'`.execute(db)
  const { rows: counts } = await sql<Record<string, number>>`SELECT ${sql.raw(
    tables.map((t, i) => `(SELECT count(*)::int FROM ${t.name}) AS "${i}"`).join(', ') || '1',
  )}`.execute(db)
  const refill = (names: string[]) =>
    [
      'BEGIN',
      "SET LOCAL session_replication_role = 'replica'", // no triggers (audit, versions, counts) while refilling
      ...(names.length ? [`TRUNCATE ${names.join(', ')}`] : []),
      ...tables
        .filter((t) => names.includes(t.name))
        .map((t) => `INSERT INTO ${t.name} (${t.columns}) OVERRIDING SYSTEM VALUE SELECT ${t.columns} FROM ${copy(t.name)}`),
      ...sequences.map((q) => `SELECT setval(${literal(q.name)}, ${q.value}, ${q.called})`),
      'COMMIT',
    ]
      .map((statement) => `${statement};`)
      .join('\n')
  // A table is changed when a row in it was written after the mark (an insert or an update: a row version newer than
  // the reset) or when it holds another number of rows (a delete, a truncate). Rolled-back writes leave neither.
  let mark = 0n
  const takeMark = async () => {
    const { rows } = await sql<{ next: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next`.execute(db)
    mark = BigInt(rows[0]!.next) % 2n ** 32n // xmin is the 32-bit xid; a test run is far from wraparound
  }
  const loadedCounts = counts[0]!
  // One pass over each table: its rows, and how many of them were written since the mark.
  const changedSince = (table: { name: string }, i: number) =>
    `SELECT ${literal(table.name)} AS name FROM (SELECT count(*) AS rows, count(*) FILTER (WHERE xmin::text::int8 >= ${mark})
       AS written FROM ${table.name}) AS t WHERE t.written > 0 OR t.rows <> ${loadedCounts[String(i)]}`
  const changedTables = async (): Promise<string[]> => {
    if (!tables.length) return []
    const { rows } = await sql<{ name: string }>`${sql.raw(tables.map(changedSince).join(' UNION ALL '))}`.execute(db)
    const changed = new Set(rows.map((r) => r.name))
    for (let grown = true; grown; ) {
      grown = false
      for (const { referenced, referencing } of references) {
        if (!changed.has(referenced) || changed.has(referencing)) continue
        changed.add(referencing)
        grown = true
      }
    }
    return [...changed]
  }
  const reset = async () => {
    await handle.execScript(refill(await changedTables()))
    await takeMark()
  }
  await takeMark()
  const { rows } = await SCHEMA_SIGNATURE.execute(db)
  const loaded: WorkerDatabase = { handle, closed: false, reset, schema: rows[0]!.signature }
  const close = handle.close.bind(handle)
  handle.close = async () => {
    loaded.closed = true
    await close()
  }
  return loaded
}

/**
 * PGlite compiles PostGIS's 16 MB WebAssembly library each time it starts; a worker starts one PGlite per test
 * file, so it keeps the compiled module and instantiates that (same bytes, same module: only the compile is
 * skipped).
 */
function cacheWasmModules() {
  const wasm = WebAssembly as unknown as { instantiate: typeof WebAssembly.instantiate; __waystationCached?: true }
  if (wasm.__waystationCached) return
  wasm.__waystationCached = true
  const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (
    source: BufferSource | WebAssembly.Module,
    imports?: WebAssembly.Imports,
  ) => Promise<unknown>
  const compiled = new Map<string, Promise<WebAssembly.Module>>()
  wasm.instantiate = (async (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
    if (source instanceof WebAssembly.Module) return instantiate(source, imports)
    const bytes = ArrayBuffer.isView(source)
      ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
      : new Uint8Array(source)
    const key = createHash('sha1').update(bytes).digest('hex')
    let module = compiled.get(key)
    if (!module) {
      module = WebAssembly.compile(bytes)
      compiled.set(key, module)
    }
    return { module: await module, instance: await instantiate(await module, imports) }
  }) as typeof WebAssembly.instantiate
}

export const isRealPostgres = () => Boolean(process.env.DATABASE_URL)

/** A fixed instant in Shanghai local time, e.g. `shanghai('2026-11-25T10:00')` (a Wednesday). */
export const shanghai = (local: string) => new Date(`${local}:00+08:00`)

/** The app over this file's database, with a fixed clock unless one is given. */
export async function testApp(deps: Partial<AppDeps> = {}) {
  const { db } = await testDatabase()
  return createApp({ db, clock: () => shanghai('2026-11-25T10:00'), ...deps })
}

class Rollback extends Error {}

/** Runs `body` in a transaction of this file's database that is always rolled back: it leaves nothing behind. */
export async function inRolledBackTransaction(body: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  const { db } = await testDatabase()
  await db
    .transaction()
    .execute(async (trx) => {
      await body(trx)
      throw new Rollback()
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e
    })
}
