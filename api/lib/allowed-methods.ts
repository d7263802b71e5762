import type { MiddlewareHandler } from 'hono'
import { ApiError } from './problem.js'

interface RouteEntry {
  method: string
  path: string
}

const patterns = new WeakMap<readonly RouteEntry[], { method: string; pattern: RegExp }[]>()

/** `/api/v1/places/:id` → a RegExp for the whole path (`:name{re}` keeps its own pattern, `*` matches anything). */
function toPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*'
      const param = /^:\w+(?:\{(.+)\})?(\?)?$/.exec(segment)
      if (param) return `(?:${param[1] ?? '[^/]+'})${param[2] ?? ''}`
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return new RegExp(`^${source}/?$`)
}

/**
 * The methods some route answers at `path` (middleware, registered for ALL, does not count), GET implying HEAD.
 * Empty when no route matches the path at all: then it is a 404.
 */
export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  let compiled = patterns.get(routes)
  if (!compiled || compiled.length !== routes.filter((r) => r.method !== 'ALL').length) {
    compiled = routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, pattern: toPattern(r.path) }))
    patterns.set(routes, compiled)
  }
  const methods = new Set(compiled.filter((r) => r.pattern.test(path)).map((r) => r.method))
  if (methods.has('GET')) methods.add('HEAD')
  return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => methods.has(m))
}

/** TRACE and TRACK echo the request (cookies included) back to a script: refused everywhere, before any route. */
export function refuseTraceMethods(routes: () => readonly RouteEntry[]): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'TRACE' || c.req.method === 'TRACK' || c.req.method === 'CONNECT') {
      const allow = allowedMethods(routes(), c.req.path)
      throw new ApiError(405, `${c.req.method} is not allowed`, {
        headers: { Allow: (allow.length ? allow : ['GET', 'HEAD']).join(', ') },
      })
    }
    await next()
  }
}
