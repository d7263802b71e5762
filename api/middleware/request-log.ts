import type { MiddlewareHandler } from 'hono'

/** Parameters that can carry a person's position: logged by name only, as `redacted`. */
const POSITION_PARAMS = new Set(['lat', 'lng', 'bbox', 'cursor', 'here'])
/** Parameters the API reads whose values say nothing about where anyone is: logged with their value. */
const LOGGED_PARAMS = new Set([
  'amenity',
  'at',
  'category',
  'crs',
  'dry_run',
  'f',
  'format',
  'holiday',
  'limit',
  'makeup_workday',
  'offset',
  'open_now',
  'organisation',
  'place',
  'q',
  'radius',
  'skip_invalid',
  'status',
  'year',
  'zoom',
])
/** Anything that reads like a coordinate (three or more decimals), wherever it turns up. */
const COORDINATE_LIKE = /\d\.\d{3}/
const MAX_VALUE = 80

/** Control characters (a newline would forge a log line), DEL, C1 and line separators, as visible escapes. */
export const escapeForLog = (text: string) =>
  text.replace(/[\p{Cc}\u2028\u2029\\]/gu, (ch) =>
    ch === '\\' ? '\\\\' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

/**
 * The request path and query as a log shows them: known parameters with their values (escaped, cut short), position
 * parameters and any value that looks like a coordinate as `redacted`, and parameters the API does not know (a
 * misspelt `lon=` or `latitude=`) as `unknown` — never their values.
 */
export function redactedPath(url: string): string {
  const u = new URL(url)
  const parts: string[] = []
  for (const [name, value] of u.searchParams) {
    const shown = LOGGED_PARAMS.has(name) || POSITION_PARAMS.has(name) ? name : 'unknown'
    const safe =
      shown === 'unknown' || POSITION_PARAMS.has(name) || COORDINATE_LIKE.test(value)
        ? 'redacted'
        : escapeForLog(value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value)
    parts.push(`${shown}=${safe}`)
  }
  return escapeForLog(u.pathname) + (parts.length ? `?${parts.join('&')}` : '')
}

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now()
    await next()
    const ms = (performance.now() - start).toFixed(1)
    log(`${c.req.method} ${redactedPath(c.req.url)} ${c.res.status} ${ms}ms`)
  }
}
