import type { Context, MiddlewareHandler } from 'hono'

/**
 * The Content-Security-Policy for the app and the API: scripts, styles and data only from our own origin
 * (no inline script), images also from the configured map tile hosts, and no framing by anyone.
 */
export function contentSecurityPolicy(tileHosts: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${tileHosts.join(' ')}`.trim(),
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function securityHeaderValues(tileHosts: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(tileHosts),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(self)',
  }
}

/**
 * For data answers (JSON, GeoJSON, problem+json, CSV) a browser never renders as a page: nothing may load or frame
 * them, nor be sniffed from them. Referrer, opener and permission policies only mean something for a document. Half
 * the header bytes of a nearest-10 answer on a weak network (about 400 of 900; its gzipped body is about 1,100).
 */
const DATA_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
}
/** Types that are data, never a page: JSON and its +json kinds, CSV. Anything else (HTML, SVG, none) gets the page set. */
const DATA_TYPE = /^(?:application\/(?:[\w.-]+\+)?json|text\/csv)\s*(?:;|$)/i

/** A year of https-only; not includeSubDomains, which would bind every other site of the city's domain too. */
export const HSTS = 'max-age=31536000'

/**
 * Sets the security headers on every response, errors and static files included (mount it first): the page set
 * (securityHeaderValues), or the data set for JSON and CSV; and HSTS when the client's connection is https (over
 * plain http browsers ignore it, and it must not pin a test host). A 304 carries the page set: its headers update
 * the stored answer, which may be a page.
 */
export function securityHeaders(tileHosts: readonly string[], isHttps: (c: Context) => boolean = () => false): MiddlewareHandler {
  const page = Object.entries(securityHeaderValues(tileHosts))
  const data = Object.entries(DATA_SECURITY_HEADERS)
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    const set = DATA_TYPE.test(headers.get('Content-Type') ?? '') ? data : page
    for (const [name, value] of set) if (!headers.has(name)) headers.set(name, value)
    if (isHttps(c) && !headers.has('Strict-Transport-Security')) headers.set('Strict-Transport-Security', HSTS)
  }
}
