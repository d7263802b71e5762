import type { Db } from './db/schema.js'

export interface AppConfig {
  /** Shown in /healthz and the OpenAPI document. */
  version: string
}

/** What the app needs from its host: no driver, no process.env, no runtime API. */
export interface AppDeps {
  /** The database for a request. On Workers a fresh one per request; on Node the same pool every time. */
  db: Db | ((request: Request, env: unknown) => Db)
  clock?: () => Date
  config?: Partial<AppConfig>
  /** One line per request; coordinates are already redacted. */
  log?: (line: string) => void
}

export interface AppEnv {
  Variables: {
    db: Db
    now: Date
    config: AppConfig
  }
}
