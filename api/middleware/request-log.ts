import type { MiddlewareHandler } from 'hono'

/** Parameters that can carry a person's position; never written to a log. */
const LOCATION_PARAMS = new Set(['lat', 'lng', 'bbox', 'cursor'])

/** The request URL with location parameters replaced by `redacted`. */
export function redactedPath(url: string): string {
  const u = new URL(url)
  for (const name of [...u.searchParams.keys()]) if (LOCATION_PARAMS.has(name)) u.searchParams.set(name, 'redacted')
  const query = u.searchParams.toString()
  return u.pathname + (query ? `?${decodeURIComponent(query)}` : '')
}

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now()
    await next()
    const ms = (performance.now() - start).toFixed(1)
    log(`${c.req.method} ${redactedPath(c.req.url)} ${c.res.status} ${ms}ms`)
  }
}
