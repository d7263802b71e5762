import type { Context } from 'hono'
import type { Db } from './db/schema.js'
import type { Bounds } from './import/coordinates.js'
import type { CalendarCache } from './queries/calendar-cache.js'
import type { EdgeCacheOptions } from './middleware/edge-cache.js'
import type { LoadShedOptions } from './middleware/load-shed.js'

export interface AppConfig {
  /** Shown in /healthz and the OpenAPI document. */
  version: string
  /**
   * Origins the map may load tiles from (CSP img-src). Keep in step with the tile providers in web/map/;
   * `*.` wildcards allowed, e.g. `https://*.tile.openstreetmap.org`.
   */
  tileHosts: string[]
  /**
   * Reverse proxies (addresses, CIDR ranges, `loopback`, `private`) whose `X-Forwarded-For`, `CF-Connecting-IP`
   * and `X-Forwarded-Proto` are believed (TRUSTED_PROXIES); from anyone else those headers are ignored.
   */
  trustedProxies: string[]
  /**
   * minLng,minLat,maxLng,maxLat a created or moved place must lie in unless an admin confirms (SERVICE_AREA;
   * default Ningbo): a slip of the map or swapped coordinates would otherwise put a station in the sea.
   */
  serviceArea: Bounds
}

export const DEFAULT_TILE_HOSTS = [
  'https://tile.openstreetmap.org',
  'https://*.tile.openstreetmap.org',
  'https://*.tianditu.gov.cn',
  'https://*.is.autonavi.com',
]

/** What the app needs from its host: no driver, no process.env, no runtime API. */
export interface AppDeps {
  /** The database for a request. On Workers a fresh one per request; on Node the same pool every time. */
  db: Db | ((request: Request, env: unknown) => Db)
  clock?: () => Date
  config?: Partial<AppConfig>
  /** One line per request; coordinates are already redacted. */
  log?: (line: string) => void
  /**
   * The address of the peer that opened the connection (rate limits hash it, never store it), from the runtime's
   * connection info. When it is a trusted proxy the client's own address is read from the proxy's headers.
   */
  clientAddress?: (c: Context<AppEnv>) => string | undefined
  /** A shared cache for anonymous public reads (the Worker passes `caches.default`); none on Node. */
  edgeCache?: EdgeCacheOptions
  /**
   * Bound the requests in flight to the database and the wait in front of them: beyond, 503 with Retry-After at
   * once. The Node entry turns it on for the embedded database (LOAD_SHED); none by default.
   */
  loadShed?: LoadShedOptions
}

export interface AppEnv {
  Variables: {
    db: Db
    now: Date
    config: AppConfig
    /** The holiday calendar around a date, shared by the app's requests (cleared by a calendar import). */
    calendars: CalendarCache
    clientAddress: string | undefined
    /** The client's own connection is https (directly or to a trusted proxy): HSTS, Secure cookies. */
    https: boolean
  }
}
