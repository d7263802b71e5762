import { Kysely } from 'kysely'
import pg from 'pg'
import { DATE_OID, keepText, type DatabaseHandle } from './handle.js'
import { PostgresDialectWithCache } from './query-compiler.js'
import type { Database } from './schema.js'
import { JSON_OID, JSONB_OID, parseSharedJson, sharedParser } from './shared-json.js'

type TextParser = (value: string) => unknown
/** pg's own parser for a type (its declaration says `any`). */
const builtinParser = (oid: number): TextParser => pg.types.getTypeParser(oid, 'text') as TextParser
const TEXT_ARRAY_OID = 1009 // _text
const parseSharedTextArray = sharedParser(builtinParser(TEXT_ARRAY_OID))

/** The pool's parsers: dates kept as text, jsonb and text[] shared (shared-json.ts), the rest pg's own. */
function parserFor(oid: number): TextParser {
  if (oid === DATE_OID) return keepText
  if (oid === JSONB_OID || oid === JSON_OID) return parseSharedJson
  if (oid === TEXT_ARRAY_OID) return parseSharedTextArray
  return builtinParser(oid)
}

export interface PostgresOptions {
  max?: number
  /** Fail fast when the server is unreachable, so the API answers 503 within 2 s. */
  connectionTimeoutMillis?: number
  statementTimeoutMillis?: number
  /**
   * Run reads as named prepared statements (default true): PostgreSQL parses and plans the API's big search
   * once per connection instead of on every request. Turn off behind a pooler that cannot keep them.
   */
  prepare?: boolean
}

/**
 * Read statements worth preparing; writes, DDL and scripts go as before. A read that begins with a comment does not
 * match either: it goes unnamed and is planned for its own values each time (used where the best plan depends on
 * them, as for the map viewport's box: api/queries/viewport.ts).
 */
const PREPARABLE = /^\s*(select|with)\b/i
/** Distinct statement texts prepared at most (each connection keeps its own copy on the server). */
const MAX_PREPARED = 200
const statementNames = new Map<string, string>()

function statementName(text: string): string | undefined {
  const known = statementNames.get(text)
  if (known || statementNames.size >= MAX_PREPARED) return known
  const name = `waystation_${statementNames.size}`
  statementNames.set(text, name)
  return name
}

type QueryFn = (...args: unknown[]) => unknown

/** Makes a client send parameterised reads as named statements (pg parses each once per connection, then binds). */
function prepareReads(client: pg.PoolClient) {
  const query = client.query.bind(client) as QueryFn
  ;(client as unknown as { query: QueryFn }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && PREPARABLE.test(config)) {
      const name = statementName(config)
      if (name) return query({ name, text: config, values }, callback)
    }
    return query(config, values, callback)
  }
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
      // Text format only: the pool never asks for binary results.
      getTypeParser: parserFor as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its server must not crash the process; the pool replaces it on the next request.
  pool.on('error', () => {})
  // A checked-out client whose server vanishes emits 'error' too; the failing query already reports it.
  pool.on('connect', (client) => {
    client.on('error', () => {})
    if (options.prepare !== false) prepareReads(client)
  })
  return pool
}

export function createPostgresDb(connectionString: string, options: PostgresOptions = {}): DatabaseHandle {
  const pool = createPostgresPool(connectionString, options)
  const db = new Kysely<Database>({ dialect: new PostgresDialectWithCache({ pool }) })
  return {
    db,
    kind: 'postgres',
    // Scripts are migrations, which may run for minutes on a city's data (each lifts the server's statement timeout
    // for itself): a client of their own, without the 6 s read timeout the pool keeps for the API's queries.
    async execScript(script) {
      const client = new pg.Client({ connectionString, connectionTimeoutMillis: options.connectionTimeoutMillis ?? 1500 })
      client.on('error', () => {})
      await client.connect()
      try {
        await client.query(script)
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        await client.end().catch(() => {})
      }
    },
    close: () => db.destroy(),
  }
}
