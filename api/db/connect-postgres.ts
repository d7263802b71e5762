import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { DATE_OID, keepText, type DatabaseHandle } from './handle.js'
import type { Database } from './schema.js'

export interface PostgresOptions {
  max?: number
  /** Fail fast when the server is unreachable, so the API answers 503 within 2 s. */
  connectionTimeoutMillis?: number
  statementTimeoutMillis?: number
}

export function createPostgresPool(connectionString: string, options: PostgresOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 1500,
    statement_timeout: options.statementTimeoutMillis ?? 5000,
    query_timeout: (options.statementTimeoutMillis ?? 5000) + 1000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID ? keepText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its server must not crash the process; the pool replaces it on the next request.
  pool.on('error', () => {})
  // A checked-out client whose server vanishes emits 'error' too; the failing query already reports it.
  pool.on('connect', (client) => client.on('error', () => {}))
  return pool
}

export function createPostgresDb(connectionString: string, options: PostgresOptions = {}): DatabaseHandle {
  const pool = createPostgresPool(connectionString, options)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    kind: 'postgres',
    async execScript(script) {
      const client = await pool.connect()
      try {
        await client.query(script)
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    close: () => db.destroy(),
  }
}
