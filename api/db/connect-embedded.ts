import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { Kysely } from 'kysely'
import { DATE_OID, keepText, type DatabaseHandle } from './handle.js'
import { PGliteDialectWithCache } from './query-compiler.js'
import type { Database } from './schema.js'
import { JSON_OID, JSONB_OID, parseSharedJson } from './shared-json.js'

/**
 * PGlite (Postgres in WebAssembly) with PostGIS: the zero-setup default. `dataDir` is a folder on disk, or
 * `memory://`; `loadDataDir` starts from a dump (used by the tests to skip initdb). `postgisBundle` replaces the
 * PostGIS files PGlite unpacks at start (the tests load a slimmer bundle for a database whose extension is
 * already installed).
 */
export async function createEmbeddedDb(options: {
  dataDir: string
  loadDataDir?: Blob
  postgisBundle?: URL
}): Promise<DatabaseHandle> {
  const bundle = options.postgisBundle
  const extension: typeof postgis = bundle
    ? {
        name: postgis.name,
        setup: async (pg, emscriptenOpts) => ({ ...(await postgis.setup(pg, emscriptenOpts)), bundlePath: bundle }),
      }
    : postgis
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis: extension },
    // jsonb shared and frozen as on PostgreSQL (shared-json.ts): the same values behave the same on both.
    parsers: { [DATE_OID]: keepText, [JSON_OID]: parseSharedJson, [JSONB_OID]: parseSharedJson },
  })
  const db = new Kysely<Database>({ dialect: new PGliteDialectWithCache({ pglite }) })
  return {
    db,
    kind: 'embedded',
    async execScript(script) {
      try {
        await pglite.exec(script)
      } catch (error) {
        await pglite.exec('ROLLBACK').catch(() => {})
        throw error
      }
    },
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
    dump: () => pglite.dumpDataDir('none'),
  }
}
