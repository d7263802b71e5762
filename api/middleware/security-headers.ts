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

/** A year of https-only; not includeSubDomains, which would bind every other site of the city's domain too. */
export const HSTS = 'max-age=31536000'

/**
 * Sets the security headers on every response, errors and static files included (mount it first), and HSTS when
 * the client's connection is https (over plain http browsers ignore it, and it must not pin a test host).
 */
export function securityHeaders(tileHosts: readonly string[], isHttps: (c: Context) => boolean = () => false): MiddlewareHandler {
  const values = Object.entries(securityHeaderValues(tileHosts))
  return async (c, next) => {
    await next()
    for (const [name, value] of values) if (!c.res.headers.has(name)) c.res.headers.set(name, value)
    if (isHttps(c) && !c.res.headers.has('Strict-Transport-Security')) c.res.headers.set('Strict-Transport-Security', HSTS)
  }
}
