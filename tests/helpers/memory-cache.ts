import type { EdgeCacheStore } from '../../api/middleware/edge-cache.js'

/**
 * A Cache API stand-in for tests on Node: keeps bodies and headers, honours `max-age` (by the given clock) and,
 * as the Cache API does, refuses `private`/`no-store` responses and ones with `Set-Cookie`.
 */
export function memoryCache(now: () => number = Date.now) {
  const entries = new Map<string, { body: ArrayBuffer; init: ResponseInit; expires: number }>()
  const store: EdgeCacheStore = {
    match(key) {
      const entry = entries.get(key)
      return Promise.resolve(!entry || entry.expires <= now() ? undefined : new Response(entry.body.slice(0), entry.init))
    },
    async put(key, response) {
      const control = response.headers.get('Cache-Control') ?? ''
      const maxAge = Number(/max-age=(\d+)/.exec(control)?.[1] ?? 0)
      if (/private|no-store/.test(control) || response.headers.has('Set-Cookie') || !maxAge) return
      const init = { status: response.status, headers: [...response.headers] }
      entries.set(key, { body: await response.arrayBuffer(), init, expires: now() + maxAge * 1000 })
    },
    delete(key) {
      return Promise.resolve(entries.delete(key))
    },
  }
  return { store, keys: () => [...entries.keys()] }
}
