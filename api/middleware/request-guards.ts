import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { notice } from '../import/messages.js'
import { ApiError } from '../lib/problem.js'
import { findUnsafeText, unsafeTextReason } from '../lib/safe-text.js'

export const MAX_BODY_BYTES = 1024 * 1024
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Bodies over 1 MB are refused with 413 before anything reads them (Content-Length or streamed count). An import
 * file says so in words (with a code the staff view translates) and names the way round: the command line.
 */
const bodyLimited: MiddlewareHandler = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    if (c.req.path === '/api/v1/import') {
      const fileProblem = notice('file_too_large', { limit_bytes: MAX_BODY_BYTES })
      throw new ApiError(
        413,
        `The file is larger than 1 MB (${MAX_BODY_BYTES} bytes), the upload limit: split it, or import it with npm run import`,
        { fileProblem },
      )
    }
    throw new ApiError(413, `Request bodies are limited to ${MAX_BODY_BYTES} bytes`)
  },
})
/** Reads never take a body (the app reads none), and looking for one costs a whole Request object on Node. */
export const limitBodySize: MiddlewareHandler = (c, next) =>
  c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : bodyLimited(c, next)

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host
  } catch {
    return undefined // "null" (sandboxed or privacy-redirected pages) is never our own
  }
}

/**
 * CSRF defence for cookie-authenticated writes: a state-changing request whose Origin (or, failing that,
 * Sec-Fetch-Site) says it comes from another site is refused. Requests without either header are not
 * from a browser page, so they carry no ambient cookie worth stealing (and the cookie is SameSite=Strict).
 */
export const refuseForeignOrigin: MiddlewareHandler = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('origin')
    // Hosts, not origins: behind a TLS-terminating proxy the app sees http:// while the browser says https://.
    if (origin !== undefined && hostOf(origin) !== new URL(c.req.url).host) throw new ApiError(403, 'Cross-origin write refused')
    if (origin === undefined && c.req.header('sec-fetch-site') === 'cross-site')
      throw new ApiError(403, 'Cross-site write refused')
  }
  await next()
}

const JSON_BODY = /^application\/(?:[\w.+-]+\+)?json\b/i

/**
 * Refuses text no route could store (NUL, unpaired surrogates) before any route reads it, naming where it is:
 * a query parameter, the path, or a member of a JSON body. Malformed JSON is left to the route (its own 400).
 * The body is read as bytes, so a route that wants bytes (the import) still gets exactly what was sent.
 */
export const refuseUnsafeText: MiddlewareHandler = async (c, next) => {
  const errors: { field: string; message: string }[] = []
  let path = c.req.path
  try {
    path = decodeURIComponent(path)
  } catch {
    // a malformed escape is no NUL; the route answers 404
  }
  const pathReason = unsafeTextReason(path)
  if (pathReason) errors.push({ field: 'path', message: pathReason })
  for (const [name, values] of Object.entries(c.req.queries())) {
    const nameReason = unsafeTextReason(name)
    if (nameReason) errors.push({ field: 'query', message: `a parameter name ${nameReason}` })
    for (const value of values) {
      const reason = unsafeTextReason(value)
      if (reason) errors.push({ field: nameReason ? 'query' : name, message: reason })
    }
  }
  if (errors.length)
    throw new ApiError(400, `Invalid request: ${[...new Set(errors.map((e) => e.field))].join(', ')}`, { errors })
  // The place import checks each row itself and reports line and field in its report (the staff view shows it).
  if (!SAFE_METHODS.has(c.req.method) && c.req.path !== '/api/v1/import' && JSON_BODY.test(c.req.header('content-type') ?? '')) {
    const bytes = await c.req.arrayBuffer()
    let body: unknown
    try {
      body = JSON.parse(new TextDecoder().decode(bytes))
    } catch {
      body = undefined
    }
    const found = findUnsafeText(body)
    if (found) throw new ApiError(400, `Invalid body: ${found.field}`, { errors: [found] })
  }
  await next()
}
