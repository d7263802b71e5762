import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.js'
import { readDataVersion } from '../queries/data-version.js'
import { PUBLIC_CACHE_CONTROL, matchesAny, notModified } from './http-cache.js'

/** What the middleware needs of a shared cache: the Cache API's `caches.default` on Workers, injected by the host. */
export interface EdgeCacheStore {
  match(key: string): Promise<Response | undefined>
  put(key: string, response: Response): Promise<void>
  delete(key: string): Promise<boolean>
}

export interface EdgeCacheOptions {
  store: EdgeCacheStore
  /**
   * How long the data version is taken from the cache instead of the database (default 5 s). A write through
   * this app forgets it at once; a write from elsewhere (an import on another host) is seen within this time.
   */
  versionTtlSeconds?: number
}

/** The anonymous public reads worth sharing (not the streamed export, not OGC's content negotiation). */
const CACHEABLE_PATH = /^\/api\/v1\/(places(\/[^/]+)?|categories|amenities|areas|holidays(\/years)?)$/
const STORABLE_VARY = new Set(['cookie', 'accept-encoding'])
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const isCacheable = (c: Context, path: string) =>
  c.req.method === 'GET' && !c.req.header('Cookie') && !c.req.header('Authorization') && CACHEABLE_PATH.test(path)

/** Only the public answers the HTTP cache layer marked so (never private, no Set-Cookie, no Vary we ignore). */
function isStorable(res: Response): boolean {
  if (res.status !== 200 || res.headers.get('Cache-Control') !== PUBLIC_CACHE_CONTROL || res.headers.has('Set-Cookie'))
    return false
  const vary = res.headers.get('Vary')
  return !vary || vary.split(',').every((v) => STORABLE_VARY.has(v.trim().toLowerCase()))
}

/**
 * The key of a request: its path and parameters in name order (positions are grid cells already, see
 * grid-location.ts, so neighbours share it), the data version (a write makes every old entry unreachable) and the
 * minute (answers say what is open now; none is served after the minute it was computed in).
 */
export function edgeCacheKey(url: URL, version: string, now: Date): string {
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const query = new URLSearchParams(params).toString()
  const minute = Math.floor(now.getTime() / 60_000)
  return `${url.origin}/__edge-cache/v${version}/m${minute}${url.pathname}${query ? `?${query}` : ''}`
}

/**
 * A shared cache in front of the public API, for a host that has one (the Worker's `caches.default`): anonymous
 * GETs of public data are answered from it (`X-Cache: HIT`, without touching the database) or computed and stored
 * (`X-Cache: MISS`); anything personal passes by. Mount it after the request log and before `httpCache()`.
 */
export function edgeCache({ store, versionTtlSeconds = 5 }: EdgeCacheOptions): MiddlewareHandler<AppEnv> {
  const safely = <T>(work: Promise<T>) => work.catch(() => undefined) // a cache failure is only a miss

  async function dataVersion(c: Context<AppEnv>, versionKey: string): Promise<string> {
    const remembered = await safely(store.match(versionKey))
    if (remembered) return remembered.text()
    const version = await readDataVersion(c.get('db'))
    const headers = { 'Cache-Control': `public, max-age=${versionTtlSeconds}`, 'Content-Type': 'text/plain' }
    await safely(store.put(versionKey, new Response(version, { headers })))
    return version
  }

  return async (c, next) => {
    const url = new URL(c.req.url)
    const versionKey = `${url.origin}/__edge-cache/data-version`
    if (!isCacheable(c, url.pathname)) {
      await next()
      // A write may have bumped the version: the next read asks the database again.
      if (!SAFE_METHODS.has(c.req.method)) await safely(store.delete(versionKey))
      return
    }
    const key = edgeCacheKey(url, await dataVersion(c, versionKey), c.get('now'))
    const hit = await safely(store.match(key))
    if (hit) {
      const headers = new Headers(hit.headers)
      headers.set('X-Cache', 'HIT')
      const etag = headers.get('ETag')
      if (etag && matchesAny(c.req.header('If-None-Match'), etag)) return notModified(headers)
      return new Response(hit.body, { status: hit.status, headers })
    }
    await next()
    if (isStorable(c.res)) await safely(store.put(key, c.res.clone()))
    c.res.headers.set('X-Cache', 'MISS')
  }
}
