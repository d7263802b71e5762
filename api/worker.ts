/** Workers entry: the same app, with a short-lived database per request over the Hyperdrive binding. */
import type { ExecutionContext } from 'hono'
import { createApp } from './app.js'
import { DEFAULT_TILE_HOSTS } from './context.js'
import { createRequestDb } from './db/connect-hyperdrive.js'
import { parseBounds } from './import/coordinates.js'
import type { Db } from './db/schema.js'
import type { EdgeCacheStore } from './middleware/edge-cache.js'
import { securityHeaderValues } from './middleware/security-headers.js'
import { shareCardPage } from './server/share-card.js'

export interface WorkerEnv {
  HYPERDRIVE: { connectionString: string }
  /** The web build (wrangler.toml `[assets]`); the Worker reads it for `/`, the rest is served without it. */
  ASSETS?: { fetch: (request: Request) => Promise<Response> }
  /** `vars` in wrangler.toml. */
  APP_VERSION?: string
  LOG_REQUESTS?: string
  /** Map tile origins for the CSP, comma or space separated (as TILE_HOSTS on Node). */
  TILE_HOSTS?: string
  /** As on Node: proxies in front of Cloudflare whose X-Forwarded-For is believed (rarely needed). */
  TRUSTED_PROXIES?: string
  /** As on Node: minLng,minLat,maxLng,maxLat for created and moved places (default Ningbo). */
  SERVICE_AREA?: string
  /** Seconds the edge cache trusts its copy of the data version (default 5); writes through the Worker reset it. */
  EDGE_VERSION_TTL?: string
  /** `false` turns the edge cache off. */
  EDGE_CACHE?: string
}

// Only the app lives at module level; connections are opened per request (and closed after it), never cached.
const opened = new WeakMap<Request, Db>()
let app: ReturnType<typeof createApp> | undefined
const tileHosts = (env: WorkerEnv) => (env.TILE_HOSTS ? env.TILE_HOSTS.split(/[\s,]+/).filter(Boolean) : undefined)

function appFor(env: WorkerEnv) {
  const hosts = tileHosts(env)
  app ??= createApp({
    db: (request, bindings) => {
      const db = createRequestDb((bindings as WorkerEnv).HYPERDRIVE.connectionString)
      opened.set(request, db)
      return db
    },
    config: {
      ...(env.APP_VERSION ? { version: env.APP_VERSION } : {}),
      ...(env.SERVICE_AREA && parseBounds(env.SERVICE_AREA) ? { serviceArea: parseBounds(env.SERVICE_AREA)! } : {}),
      ...(env.TRUSTED_PROXIES ? { trustedProxies: env.TRUSTED_PROXIES.split(/[\s,]+/).filter(Boolean) } : {}),
      ...(hosts ? { tileHosts: hosts } : {}),
    },
    // Cloudflare's edge puts the visitor's address here (rate limits hash it; it is never stored).
    clientAddress: (c) => c.req.header('CF-Connecting-IP'),
    ...(env.EDGE_CACHE === 'false'
      ? {}
      : {
          edgeCache: {
            // The Workers runtime's own cache; the CacheStorage type (DOM lib, also read by the Node build) lacks it.
            store: (caches as unknown as { default: EdgeCacheStore }).default,
            ...(Number(env.EDGE_VERSION_TTL) > 0 ? { versionTtlSeconds: Number(env.EDGE_VERSION_TTL) } : {}),
          },
        }),
    ...(env.LOG_REQUESTS === 'false' ? {} : { log: (line: string) => console.log(line) }),
  })
  return app
}

/** The app's answer, with its database connection closed once the answer (body included) has been sent. */
async function answer(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  let response: Response
  try {
    response = await appFor(env).fetch(request, env, ctx)
  } catch (error) {
    const db = opened.get(request)
    if (db) ctx.waitUntil(db.destroy())
    throw error
  }
  const db = opened.get(request)
  if (!db) return response
  if (!response.body) {
    ctx.waitUntil(db.destroy())
    return response
  }
  // A streamed body (the open-data export) still reads from the database after fetch returns:
  // close the connection when the body has been sent, or the client went away.
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
  ctx.waitUntil(
    response.body
      .pipeTo(writable)
      .catch(() => {})
      .finally(() => db.destroy()),
  )
  return new Response(readable, response)
}

/**
 * `/` comes to the Worker first (wrangler.toml `run_worker_first`): a shared station link (`/?place=ID`) gets the
 * shell with that station's share card, as on Node; everything else the plain shell from the assets. Both carry
 * the security headers that `_headers` gives the other static files.
 */
async function shell(request: Request, env: WorkerEnv & { ASSETS: NonNullable<WorkerEnv['ASSETS']> }, ctx: ExecutionContext) {
  const headers = securityHeaderValues(tileHosts(env) ?? DEFAULT_TILE_HOSTS)
  const html = await shareCardPage(
    request,
    (api) => answer(api, env, ctx),
    async () => {
      const index = await env.ASSETS.fetch(new Request(new URL('/', request.url)))
      return index.ok ? index.text() : null
    },
  )
  if (html !== null)
    return new Response(html, {
      headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-cache', ...headers },
    })
  const plain = await env.ASSETS.fetch(request)
  const response = new Response(plain.body, plain)
  for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value)
  return response
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    if (env.ASSETS && new URL(request.url).pathname === '/' && (request.method === 'GET' || request.method === 'HEAD'))
      return shell(request, env as WorkerEnv & { ASSETS: NonNullable<WorkerEnv['ASSETS']> }, ctx)
    return answer(request, env, ctx)
  },
}
