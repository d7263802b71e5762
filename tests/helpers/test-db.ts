import { readFileSync } from 'node:fs'
import { inject } from 'vitest'
import { createApp } from '../../api/app.js'
import type { AppDeps } from '../../api/context.js'
import { createEmbeddedDb } from '../../api/db/connect-embedded.js'
import { createPostgresDb } from '../../api/db/connect-postgres.js'
import type { DatabaseHandle } from '../../api/db/handle.js'

let opened: Promise<DatabaseHandle> | undefined

/** The run's one database: real PostGIS when DATABASE_URL is set, else PGlite loaded from the template. */
export function testDatabase(): Promise<DatabaseHandle> {
  opened ??= (async () => {
    if (process.env.DATABASE_URL) return createPostgresDb(process.env.DATABASE_URL)
    const template = inject('embeddedTemplate')
    return createEmbeddedDb({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(template)]) })
  })()
  return opened
}

export const isRealPostgres = () => Boolean(process.env.DATABASE_URL)

/** A fixed instant in Shanghai local time, e.g. `shanghai('2026-11-25T10:00')` (a Wednesday). */
export const shanghai = (local: string) => new Date(`${local}:00+08:00`)

/** The app over the test database, with a fixed clock unless one is given. */
export async function testApp(deps: Partial<AppDeps> = {}) {
  const { db } = await testDatabase()
  return createApp({ db, clock: () => shanghai('2026-11-25T10:00'), ...deps })
}
