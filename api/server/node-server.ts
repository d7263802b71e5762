/**
 * The Node HTTP stack, built in one place: gzip (compress-answer.ts), security headers on everything, the built web app
 * (immutable hashed assets, the single-page fallback) and the app. `api/node.ts`, the browser tests and the
 * benchmark's HTTP target all run this, so what the tests exercise is what people run.
 */
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { parseTrustedProxies, resolveRequestOrigin } from '../auth/client-address.js'
import { getPath } from 'hono/utils/url'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { ApiError, PROBLEM_TYPE, problemResponse } from '../lib/problem.js'
import { compressAnswer } from './compress-answer.js'
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

/** Compresses whatever the stack below answers (see compress-answer.ts). */
const compression = (): MiddlewareHandler => async (c, next) => {
  await next()
  const out = await compressAnswer(c.req.raw, c.res)
  if (out === c.res) return
  c.res = undefined // so Hono does not copy the old headers (Content-Length) onto the new answer
  c.res = out
}

/** Paths the single-page fallback must never answer with the HTML shell. */
const NOT_THE_SHELL = /^\/(api\/|ogc(\/|$)|healthz$)/

/**
 * Two stacks behind one fetch: the app's own paths (API, OGC, health) go through compression only, as the app sets
 * its security and cache headers itself; everything else (the web app's files and shell) through the full stack.
 * Sending an API request through the static-file stack cost about 0.15 ms of CPU per request for nothing.
 */
export function createNodeStack(options: NodeStackOptions) {
  const web = createWebStack(options)
  return {
    fetch: async (request: Request, env?: unknown) =>
      NOT_THE_SHELL.test(getPath(request))
        ? compressAnswer(request, await options.app.fetch(request, env))
        : web.fetch(request, env),
  }
}

function createWebStack({ app, tileHosts, webDist, log = () => {}, trustedProxies = [] }: NodeStackOptions) {
  const trusted = parseTrustedProxies(trustedProxies)
  const isHttps = (c: Context) =>
    resolveRequestOrigin({ peer: peerAddress(c), url: c.req.url, header: (n) => c.req.header(n), trusted }).https
  const server = new Hono()
  server.use('*', compression())
  server.use('*', securityHeaders(tileHosts, isHttps))
  const hasWeb = Boolean(webDist && existsSync(webDist))
  // The web app's files are only ever read (TRACE included: it would echo cookies to a script). The app
  // refuses wrong methods on its own paths, naming the ones it takes.
  server.use('*', async (c, next) => {
    const method = c.req.method
    if (hasWeb && method !== 'GET' && method !== 'HEAD')
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
    server.use('*', serveStatic({ root: webDist }))
    server.get('*', async (c, next) => {
      if (!c.req.header('accept')?.includes('text/html')) return next()
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
