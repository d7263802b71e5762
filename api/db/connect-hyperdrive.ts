import { Kysely } from 'kysely'
import { createPostgresPool } from './connect-postgres.js'
import { PostgresDialectWithCache } from './query-compiler.js'
import type { Database, Db } from './schema.js'

/**
 * Workers only: a database for ONE request, over the Hyperdrive binding's connection string. Hyperdrive
 * keeps the real connections pooled near the database, so opening here is cheap; the caller must
 * `destroy()` it when the request is done (a socket must not outlive the request that opened it).
 * A Pool rather than a single Client because Kysely transactions need one; a few connections at most,
 * well under the six concurrent connections a Worker invocation may open.
 */
export function createRequestDb(connectionString: string): Db {
  const pool = createPostgresPool(connectionString, { max: 3, connectionTimeoutMillis: 5000, prepare: false })
  return new Kysely<Database>({ dialect: new PostgresDialectWithCache({ pool }) })
}
