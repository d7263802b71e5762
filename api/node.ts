/** Node entry: read the environment once, open the database, serve the app through the one Node stack. */
import { z } from 'zod'
import { createApp } from './app.js'
import { DEFAULT_TILE_HOSTS } from './context.js'
import { openDatabase } from './db/open.js'
import { parseBounds } from './import/coordinates.js'
import { isClusterPrimary, runCluster } from './server/node-cluster.js'
import { peerAddress, startNodeServer } from './server/node-server.js'

const Env = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data/pglite'),
  WEB_DIST: z.string().default('dist/web'),
  LOG_REQUESTS: z.enum(['true', 'false']).default('true'),
  /** Space-separated tile origins for the CSP (e.g. a self-hosted tile server); default OSM, Tianditu, Amap. */
  TILE_HOSTS: z.string().optional(),
  /** Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed, e.g. `loopback` or `10.0.0.0/8`. */
  TRUSTED_PROXIES: z.string().default(''),
  /** minLng,minLat,maxLng,maxLat created or moved places must lie in (default: Ningbo). */
  SERVICE_AREA: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseBounds(v) !== undefined, 'SERVICE_AREA must be minLng,minLat,maxLng,maxLat'),
  /**
   * Refuse (503, Retry-After) API requests that would wait longer than LOAD_SHED_BUDGET_MS for the database, instead
   * of queueing them: `auto` (default) for the embedded database only, which serves one query at a time.
   */
  LOAD_SHED: z.enum(['auto', 'on', 'off']).default('auto'),
  LOAD_SHED_BUDGET_MS: z.coerce.number().int().min(1).default(1000),
  /** Requests served at once while shedding (the rest wait, up to the budget). */
  LOAD_SHED_CONCURRENCY: z.coerce.number().int().min(1).default(1),
  /** Server processes sharing the port (PostgreSQL only; see api/server/node-cluster.ts). */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
})
const env = Env.parse(process.env)
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`)

if (env.WORKERS > 1 && !env.DATABASE_URL) log('WORKERS is for PostgreSQL: the embedded database runs in one process')
const clustered = env.WORKERS > 1 && Boolean(env.DATABASE_URL)
if (clustered && isClusterPrimary()) {
  // Migrate once, here, before the workers open the database (side by side they would race to apply the same ones).
  await (await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log })).close()
  runCluster(env.WORKERS, log)
} else await serve()

async function serve() {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log })
  const trustedProxies = env.TRUSTED_PROXIES.split(/[\s,]+/).filter(Boolean)
  const tileHosts = env.TILE_HOSTS?.split(/[\s,]+/).filter(Boolean) ?? DEFAULT_TILE_HOSTS
  const shedLoad = env.LOAD_SHED === 'on' || (env.LOAD_SHED === 'auto' && handle.kind === 'embedded')
  const api = createApp({
    db: handle.db,
    config: { tileHosts, trustedProxies, ...(env.SERVICE_AREA ? { serviceArea: parseBounds(env.SERVICE_AREA)! } : {}) },
    // The socket's address (a trusted proxy's is replaced by the client's), for hashed rate-limit keys only.
    clientAddress: peerAddress,
    ...(env.LOG_REQUESTS === 'true' ? { log } : {}),
    ...(shedLoad ? { loadShed: { concurrency: env.LOAD_SHED_CONCURRENCY, budgetMs: env.LOAD_SHED_BUDGET_MS } } : {}),
  })

  const httpServer = await startNodeServer({
    app: api,
    tileHosts,
    webDist: env.WEB_DIST,
    log,
    trustedProxies,
    port: env.PORT,
    hostname: env.HOST,
  })
  log(`Waystation on ${httpServer.url} (${handle.kind} database)`)

  async function shutdown() {
    void httpServer.close()
    await handle.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
}
