/**
 * Each test file's own database, cloned from the run's template (see prepare-database.ts): real PostGIS when
 * DATABASE_URL is set, else an in-memory PGlite copy. Opened on first use, closed (and, on PostgreSQL, dropped)
 * when the file ends (tests/helpers/open-database.ts), so no file sees another file's writes and files can run
 * side by side.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { inject } from 'vitest'
import { createApp } from '../../api/app.js'
import type { AppDeps } from '../../api/context.js'
import { createEmbeddedDb } from '../../api/db/connect-embedded.js'
import { createPostgresDb } from '../../api/db/connect-postgres.js'
import type { DatabaseHandle } from '../../api/db/handle.js'
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

let template: Blob | undefined
async function openEmbedded(): Promise<DatabaseHandle> {
  cacheWasmModules()
  template ??= new Blob([readFileSync(inject('embeddedTemplate'))])
  return createEmbeddedDb({
    dataDir: 'memory://',
    loadDataDir: template,
    postgisBundle: pathToFileURL(inject('postgisBundle')),
  })
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
