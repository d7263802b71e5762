import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { notice } from '../import/messages.js'
import { ApiError } from '../lib/problem.js'

export const MAX_BODY_BYTES = 1024 * 1024
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Bodies over 1 MB are refused with 413 before anything reads them (Content-Length or streamed count). An import
 * file says so in words (with a code the staff view translates) and names the way round: the command line.
 */
export const limitBodySize: MiddlewareHandler = bodyLimit({
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
