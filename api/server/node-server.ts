/**
 * The Node HTTP stack, built in one place: gzip/deflate, security headers on everything, the built web app
 * (immutable hashed assets, the single-page fallback) and the app. `api/node.ts`, the browser tests and the
 * benchmark's HTTP target all run this, so what the tests exercise is what people run.
 */
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { securityHeaders } from '../middleware/security-headers.js'

/** Anything with a fetch handler: the app of `createApp`. */
interface FetchApp {
  fetch: (request: Request, env?: unknown, ctx?: never) => Response | Promise<Response>
}

export interface NodeStackOptions {
  app: FetchApp
  tileHosts: readonly string[]
  /** Folder of the built web app (`vite build`); when it does not exist only the API is served. */
  webDist?: string | undefined
  log?: (line: string) => void
}

/** Paths the single-page fallback must never answer with the HTML shell. */
const NOT_THE_SHELL = /^\/(api\/|ogc(\/|$)|healthz$)/

export function createNodeStack({ app, tileHosts, webDist, log = () => {} }: NodeStackOptions) {
  const server = new Hono()
  // The map's first load on a slow phone network is mostly bytes: gzip the shell, JS, CSS and JSON.
  server.use('*', compress())
  server.use('*', securityHeaders(tileHosts))
  if (webDist && existsSync(webDist)) {
    // Hashed assets never change under their name; everything else (the shell) revalidates.
    server.use('/assets/*', async (c, next) => {
      await next()
      if (c.res.ok) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
    })
    const files = serveStatic({ root: webDist })
    // API requests skip the file lookup (a stat per request under load).
    server.use('*', (c, next) => (NOT_THE_SHELL.test(c.req.path) ? next() : files(c, next)))
    server.get('*', async (c, next) => {
      if (NOT_THE_SHELL.test(c.req.path) || !c.req.header('accept')?.includes('text/html')) return next()
      return serveStatic({ root: webDist, path: 'index.html' })(c, next)
    })
  } else if (webDist) {
    log(`No web build in ${webDist}: serving the API only (npm run build:web builds the map)`)
  }
  server.all('*', (c) => app.fetch(c.req.raw, c.env))
  return server
}

export interface RunningNodeServer {
  url: string
  port: number
  server: ServerType
  close: () => Promise<void>
}

/** Listens with the stack on `hostname:port` (port 0: a free one); resolves once it accepts connections. */
export function startNodeServer(options: NodeStackOptions & { port: number; hostname: string }): Promise<RunningNodeServer> {
  const stack = createNodeStack(options)
  return new Promise((resolve) => {
    const server = serve({ fetch: stack.fetch, port: options.port, hostname: options.hostname }, () => {
      const { port } = server.address() as AddressInfo
      const host = options.hostname === '0.0.0.0' ? 'localhost' : options.hostname
      resolve({
        url: `http://${host}:${port}`,
        port,
        server,
        // Idle keep-alive sockets (a browser's) would otherwise hold close() open.
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            if ('closeIdleConnections' in server) server.closeIdleConnections()
          }),
      })
    })
  })
}
