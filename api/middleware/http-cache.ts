import type { Context, MiddlewareHandler } from 'hono'
import { bytesResponse, responseBytes } from '../lib/response-bytes.js'

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

/**
 * A strong validator for a body: 128 bits of four seeded 32-bit multiply-xorshift hashes over its bytes, hex. Not a
 * cryptographic hash (an ETag only has to differ between the versions of one URL), but synchronous and about ten
 * times cheaper than SHA-256 through WebCrypto, which ran once per public answer. Read four bytes at a time, the four
 * lanes in local variables (as closures over them three times slower: 22 µs for a 7 KB answer, now 7 µs).
 */
export function bodyEtag(body: Uint8Array): string {
  // Words are read through a Uint32Array, which needs an aligned start: a body elsewhere (a Buffer from Node's pool
  // starts at any offset) is copied first, the same bytes, so the same tag wherever they sit.
  const bytes = body.byteOffset % 4 === 0 ? body : body.slice()
  const words = bytes.length >>> 2
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset, words)
  let a = 0x9e3779b9
  let b = 0x85ebca6b
  let c = 0xc2b2ae35
  let d = 0x27d4eb2f ^ bytes.length
  // Each lane: xor in the word, multiply by an odd constant, xorshift: every step is a bijection of the lane, so a
  // body that differs in one word leaves every lane different, and the final mix (a bijection too) keeps it so.
  // The words, then each tail byte tagged (| 0x100) so it is never mistaken for a zero word.
  for (let i = 0, n = words + (bytes.length & 3); i < n; i++) {
    const x = i < words ? view[i]! : bytes[words * 3 + i]! | 0x100
    let h = Math.imul(a ^ x, 0x01000193)
    a = h ^ (h >>> 15)
    h = Math.imul(b ^ x, 0x5bd1e995)
    b = h ^ (h >>> 13)
    h = Math.imul(c ^ x, 0x1b873593)
    c = h ^ (h >>> 16)
    h = Math.imul(d ^ x, 0xcc9e2d51)
    d = h ^ (h >>> 17)
  }
  return `"${mix(a)}${mix(b ^ 0x68e31da4)}${mix(c)}${mix(d)}"`
}

function mix(h: number): string {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0')
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
    let etag = c.res.headers.get('ETag') ?? undefined
    if (!etag && c.res.status === 200) {
      // Read before touching any header (reading turns @hono/node-server's lightweight Response into a real one
      // built from its original init), then answer with the bytes, which its fast path writes in one go.
      const { status, headers } = c.res
      const body = await responseBytes(c.res)
      etag = bodyEtag(body)
      c.res = undefined
      c.res = bytesResponse(body, { status, headers })
    }
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
