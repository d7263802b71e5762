import type { Db } from './schema.js'

/** An open database: the Kysely instance the app uses, plus what scripts (migrations, seeding) need. */
export interface DatabaseHandle {
  db: Db
  /** Runs a multi-statement SQL script (simple query protocol). */
  execScript(script: string): Promise<void>
  close(): Promise<void>
  /** Embedded only: the whole data folder as a tarball (tests start from it instead of running initdb). */
  dump?(): Promise<Blob>
  /** `embedded` (PGlite) or `postgres`, for logs and health. */
  kind: 'embedded' | 'postgres'
}

/** Leave `date` columns as `YYYY-MM-DD` text: a JS Date would shift them by the server's TZ. */
export const DATE_OID = 1082
export const keepText = (value: string) => value
