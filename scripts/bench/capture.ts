import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely'
import { createApp } from '../../api/app.js'
import { createPostgresPool } from '../../api/db/connect-postgres.js'
import type { Database } from '../../api/db/schema.js'

/**
 * The statements the app issues for one request to `path`, captured from the app itself (so a baseline cannot
 * drift from it): the second of two identical requests, as in steady state (the first also reads what the app
 * then keeps, as the holiday calendar).
 */
export async function captureStatements(databaseUrl: string, path: string): Promise<CompiledQuery[]> {
  const captured: CompiledQuery[] = []
  const pool = createPostgresPool(databaseUrl, { max: 1 })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => void captured.push(event.query) })
  try {
    const app = createApp({ db })
    await app.request(path)
    captured.length = 0
    const res = await app.request(path)
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
    return [...captured]
  } finally {
    await db.destroy()
  }
}
