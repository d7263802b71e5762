/**
 * The Node HTTP stack, built in one place: gzip/deflate, security headers on everything, the built web app
 * (immutable hashed assets, the single-page fallback) and the app. `api/node.ts`, the browser tests and the
 * benchmark's HTTP target all run this, so what the tests exercise is what people run.
 */
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { parseTrustedProxies, resolveRequestOrigin } from '../auth/client-address.js'
import { compress } from 'hono/compress'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { ApiError, PROBLEM_TYPE, problemResponse } from '../lib/problem.js'
import { securityHeaders } from '../middleware/security-headers.js'
import { shareCardPage } from './share-card.js'

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
  /** TRUSTED_PROXIES, for HSTS on static files behind a TLS-terminating proxy (the app reads its own config). */
  trustedProxies?: readonly string[]
}

/** The socket's remote address (undefined when the request did not come over a socket, e.g. app.request in tests). */
export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/** Paths the single-page fallback must never answer with the HTML shell. */
const NOT_THE_SHELL = /^\/(api\/|ogc(\/|$)|healthz$)/

export function createNodeStack({ app, tileHosts, webDist, log = () => {}, trustedProxies = [] }: NodeStackOptions) {
  const trusted = parseTrustedProxies(trustedProxies)
  const isHttps = (c: Context) =>
    resolveRequestOrigin({ peer: peerAddress(c), url: c.req.url, header: (n) => c.req.header(n), trusted }).https
  const server = new Hono()
  // The map's first load on a slow phone network is mostly bytes: gzip the shell, JS, CSS and JSON.
  server.use('*', compress())
  server.use('*', securityHeaders(tileHosts, isHttps))
  const hasWeb = Boolean(webDist && existsSync(webDist))
  // The web app's files are only ever read (TRACE included: it would echo cookies to a script). The app
  // refuses wrong methods on its own paths, naming the ones it takes.
  server.use('*', async (c, next) => {
    const method = c.req.method
    if (hasWeb && !NOT_THE_SHELL.test(c.req.path) && method !== 'GET' && method !== 'HEAD')
      return problemResponse(new ApiError(405, `${method} is not allowed here`, { headers: { Allow: 'GET, HEAD' } }))
    await next()
  })
  if (webDist && hasWeb) {
    // Hashed assets never change under their name; everything else (the shell) revalidates.
    server.use('/assets/*', async (c, next) => {
      await next()
      if (c.res.ok) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
    })
    // A shared station link (`/?place=ID`): the shell with that station's title and share card.
    const shellPath = join(webDist, 'index.html')
    server.get('/', async (c, next) => {
      const html = await shareCardPage(
        c.req.raw,
        (request) => app.fetch(request, c.env),
        async () => (existsSync(shellPath) ? readFile(shellPath, 'utf8') : null),
      )
      return html === null ? next() : c.html(html, 200, { 'Cache-Control': 'no-cache' })
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
      server.on('clientError', answerClientError)
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

/**
 * Requests Node's HTTP parser refuses (a malformed request line or header, headers too large) never reach the
 * app; without this Node answers in plain text. Answered as problem+json, then the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: import('node:stream').Duplex) {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
  const status = tooLarge ? 431 : 400
  const detail = tooLarge ? 'The request headers are too large' : 'The request is not valid HTTP/1.1'
  const body = JSON.stringify(new ApiError(status, detail).toProblem())
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: ${PROBLEM_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n` +
      `X-Content-Type-Options: nosniff\r\n\r\n${body}`,
  )
}
