import type { Context, MiddlewareHandler } from 'hono'

/** Anonymous public reads: browsers and the edge may reuse them briefly, and serve a stale copy while refetching. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=15, stale-while-revalidate=45'
/** Anything personal (a session, a staff page, a write): never stored, by any cache. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store'

/** Staff and session resources: personal even when asked for without credentials (they answer 401 then). */
const STAFF_PATHS = /^\/api\/v1\/(session|staff|users|reports)(\/|$)|^\/api\/v1\/places\/[^/]+\/(history|reports)(\/|$)/

function isPersonal(c: Context): boolean {
  const method = c.req.method
  if (method !== 'GET' && method !== 'HEAD') return true
  if (c.req.header('Cookie') || c.req.header('Authorization')) return true
  return STAFF_PATHS.test(c.req.path) || c.res.headers.has('Set-Cookie')
}

/** A strong validator for a body: the first 128 bits of its SHA-256, hex. */
export async function bodyEtag(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body))
  return `"${[...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}"`
}

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored, `*` matches anything. */
export function matchesAny(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === bare)
}

/** A 304 carrying a 200's headers, less those that describe its body. */
export function notModified(headers: Headers): Response {
  const kept = new Headers(headers)
  kept.delete('Content-Type')
  kept.delete('Content-Length')
  return new Response(null, { status: 304, headers: kept })
}

/**
 * Cache headers for every response: personal ones `private, no-store`; anonymous 200s `public` with a strong
 * ETag (the route's, else a hash of the body) and a 304 when the client already has it; errors and anything
 * whose route chose its own `Cache-Control` (health, redirects) are left as the route said, or `no-store`.
 */
export function httpCache(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (isPersonal(c)) {
      c.res.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
      return
    }
    if (c.res.headers.has('Cache-Control')) return
    if (c.res.status !== 200 && c.res.status !== 304) {
      c.res.headers.set('Cache-Control', 'no-store')
      return
    }
    // Hash before touching any header: reading the body turns @hono/node-server's lightweight Response into a
    // real one built from its original init, which would drop header changes made before.
    const etag =
      c.res.headers.get('ETag') ?? (c.res.status === 200 ? await bodyEtag(await c.res.clone().arrayBuffer()) : undefined)
    c.res.headers.set('Cache-Control', PUBLIC_CACHE_CONTROL)
    // A signed-in request to the same URL may see more; browsers must not answer it from the anonymous copy.
    c.res.headers.append('Vary', 'Cookie')
    if (!etag) return
    c.res.headers.set('ETag', etag)
    if (c.res.status === 200 && matchesAny(c.req.header('If-None-Match'), etag)) {
      const headers = c.res.headers
      c.res = undefined // so Hono does not copy the 200's headers (Content-Length) onto the 304
      c.res = notModified(headers)
    }
  }
}
