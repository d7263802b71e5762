/** Node entry: read the environment once, open the database, serve the API and the built web app. */
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { existsSync } from 'node:fs'
import { z } from 'zod'
import { createApp } from './app.js'
import { DEFAULT_TILE_HOSTS } from './context.js'
import { openDatabase } from './db/open.js'
import { securityHeaders } from './middleware/security-headers.js'

const Env = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data/pglite'),
  WEB_DIST: z.string().default('dist/web'),
  LOG_REQUESTS: z.enum(['true', 'false']).default('true'),
  /** Space-separated tile origins for the CSP (e.g. a self-hosted tile server); default OSM, Tianditu, Amap. */
  TILE_HOSTS: z.string().optional(),
})
const env = Env.parse(process.env)
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`)

const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log })
const tileHosts = env.TILE_HOSTS?.split(/[\s,]+/).filter(Boolean) ?? DEFAULT_TILE_HOSTS
const api = createApp({
  db: handle.db,
  config: { tileHosts },
  // The socket's address, for hashed rate-limit keys only (never logged or stored).
  clientAddress: (c) => getConnInfo(c).remote.address,
  ...(env.LOG_REQUESTS === 'true' ? { log } : {}),
})

const server = new Hono()
// gzip/deflate for the app shell, JS, CSS and JSON: the map's first load on a slow phone network is mostly bytes.
server.use('*', compress())
// Static files (the SPA shell included) get the same CSP and headers as the API.
server.use('*', securityHeaders(tileHosts))
if (existsSync(env.WEB_DIST)) {
  // Hashed assets are immutable; everything else (the SPA shell) revalidates.
  server.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.ok) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
  })
  server.use('*', serveStatic({ root: env.WEB_DIST }))
  server.get('*', async (c, next) => {
    const path = c.req.path
    if (
      path.startsWith('/api/') ||
      path.startsWith('/ogc') ||
      path === '/healthz' ||
      !c.req.header('accept')?.includes('text/html')
    )
      return next()
    return serveStatic({ root: env.WEB_DIST, path: 'index.html' })(c, next)
  })
} else {
  log(`No web build in ${env.WEB_DIST}: serving the API only (npm run build:web builds the map)`)
}
server.route('/', api)

const httpServer = serve({ fetch: server.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  log(`Waystation on http://localhost:${info.port} (${handle.kind} database)`)
})

async function shutdown() {
  httpServer.close()
  await handle.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
