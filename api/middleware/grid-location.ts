import type { MiddlewareHandler } from 'hono'
import { gridSearchParams } from '../lib/location-grid.js'

/** `a=1&bbox=1,2,3,4` with commas left readable, so the client's and the redirect's URLs are one cache key. */
const toQueryString = (params: URLSearchParams) =>
  [...params].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%2C/gi, ',')}`).join('&')

/**
 * A search whose position is finer than the grid is redirected (307, not stored anywhere) to the same search
 * on the grid, before any database work. So the only URLs that reach a shared cache, and the only positions
 * the query ever runs with, are grid cells (see api/lib/location-grid.ts and the README, "Edge").
 */
export function gridLocation(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const url = new URL(c.req.url)
    const grid = gridSearchParams(url.searchParams)
    if (!grid) return next()
    return new Response(null, {
      status: 307,
      headers: { Location: `${url.pathname}?${toQueryString(grid)}`, 'Cache-Control': 'no-store' },
    })
  }
}
