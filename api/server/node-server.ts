/**
 * The Node HTTP stack, built in one place: gzip/deflate, security headers on everything, the built web app
 * (immutable hashed assets, the single-page fallback) and the app. `api/node.ts`, the browser tests and the
 * benchmark's HTTP target all run this, so what the tests exercise is what people run.
 */
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { parseTrustedProxies, resolveRequestOrigin } from '../auth/client-address.js'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX, compress } from 'hono/compress'
import { getPath } from 'hono/utils/url'
import { gzipSync } from 'node:zlib'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { ApiError, PROBLEM_TYPE, problemResponse } from '../lib/problem.js'
import { bytesResponse, responseBytes } from '../lib/response-bytes.js'
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

/** The app's JSON answers: always a whole body in memory (what streams — the export — is GeoJSON or CSV). */
const BUFFERED_JSON = /^application\/(problem\+)?json\b/
/** Below this a gzip header and dictionary cost more than they save; not worth the CPU either. */
const GZIP_THRESHOLD = 1024
/** Level 4: a nearest-10 answer of 6.9 KB gzips 3 % larger than at the default 6 (1,044 against 1,014 bytes), in less time. */
const GZIP_LEVEL = 4
/** Bodies up to this size compress as well with an 8 KB window (measured on nearest-10 answers: same bytes). */
const SMALL_WINDOW_BYTES = 8192
const acceptsGzip = (header: string | undefined) =>
  Boolean(header) &&
  header!.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return (coding === 'gzip' || coding === '*') && (!q || Number(q.slice(2)) > 0)
  })

/**
 * gzip for the app's JSON in one synchronous zlib call (the body is in memory already) instead of a compression
 * stream per response, and none for tiny bodies: the per-request cost the profile showed. As the stream did, the
 * ETag turns weak and `Vary: Accept-Encoding` is added. Everything else goes through Hono's `compress()`.
 */
function gzipJson(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    const type = res.headers.get('Content-Type') ?? ''
    if (!BUFFERED_JSON.test(type) || c.req.method === 'HEAD' || !res.body || res.status === 206) return
    if (res.headers.has('Content-Encoding') || /no-transform/i.test(res.headers.get('Cache-Control') ?? '')) return
    const vary = res.headers.get('Vary')
    if (vary !== '*' && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary ?? ''))
      res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
    if (!acceptsGzip(c.req.header('Accept-Encoding'))) return
    const { status, headers } = res
    const body = await responseBytes(res)
    if (body.byteLength < GZIP_THRESHOLD) {
      // Sent as it is; only a body that had to be read back needs a new Response around its bytes.
      c.res = undefined
      c.res = bytesResponse(body, { status, headers })
      return
    }
    headers.set('Content-Encoding', 'gzip')
    headers.delete('Content-Length')
    const etag = headers.get('ETag')
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`)
    c.res = undefined // so Hono does not copy the old headers (Content-Length) onto the new answer
    // A small body needs no 32 KB window: zlib then sets up far less memory per call, for the same bytes out.
    const window = body.byteLength <= SMALL_WINDOW_BYTES ? { windowBits: 13, memLevel: 6 } : {}
    c.res = new Response(gzipSync(body, { level: GZIP_LEVEL, ...window }), { status, headers })
  }
}

/** Paths the single-page fallback must never answer with the HTML shell. */
const NOT_THE_SHELL = /^\/(api\/|ogc(\/|$)|healthz$)/

/**
 * Two stacks behind one fetch: the app's own paths (API, OGC, health) go through compression only, as the app sets
 * its security and cache headers itself; everything else (the web app's files and shell) through the full stack.
 * Sending an API request through the static-file stack cost about 0.15 ms of CPU per request for nothing.
 */
export function createNodeStack(options: NodeStackOptions) {
  const api = new Hono()
  api.use('*', streamCompression())
  api.use('*', gzipJson())
  api.all('*', (c) => options.app.fetch(c.req.raw, c.env))
  const web = createWebStack(options)
  return {
    fetch: (request: Request, env?: unknown) =>
      NOT_THE_SHELL.test(getPath(request)) ? api.fetch(request, env) : web.fetch(request, env),
  }
}

/** The map's first load on a slow phone network is mostly bytes: gzip the shell, JS, CSS and streamed answers. */
const streamCompression = () =>
  compress({ contentTypeFilter: (type) => COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) && !BUFFERED_JSON.test(type) })

function createWebStack({ app, tileHosts, webDist, log = () => {}, trustedProxies = [] }: NodeStackOptions) {
  const trusted = parseTrustedProxies(trustedProxies)
  const isHttps = (c: Context) =>
    resolveRequestOrigin({ peer: peerAddress(c), url: c.req.url, header: (n) => c.req.header(n), trusted }).https
  const server = new Hono()
  server.use('*', streamCompression())
  server.use('*', gzipJson())
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
