/**
 * The real server for browser tests, in-process: createApp over the run's test database with a fixed clock (so
 * "open now" does not depend on when the suite runs), plus the built web app with the same SPA fallback as
 * api/node.ts (and its security headers), on a random free port on 127.0.0.1.
 */
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { createApp } from '../../../api/app.js'
import { DEFAULT_TILE_HOSTS } from '../../../api/context.js'
import { securityHeaders } from '../../../api/middleware/security-headers.js'
import { testDatabase } from '../../helpers/test-db.js'
import { WEB_DIST } from './web-build.js'

export interface RunningServer {
  url: string
  close: () => Promise<void>
}

export async function startWebServer(clock: () => Date): Promise<RunningServer> {
  const { db } = await testDatabase()
  const server = new Hono()
  // The production headers, CSP included, so a script or style the policy would block fails here too.
  server.use('*', securityHeaders(DEFAULT_TILE_HOSTS))
  server.use('*', serveStatic({ root: WEB_DIST }))
  server.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || !c.req.header('accept')?.includes('text/html')) return next()
    return serveStatic({ root: WEB_DIST, path: 'index.html' })(c, next)
  })
  server.route('/', createApp({ db, clock }))
  const http: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  }
}
