import type { RouterRoute } from 'hono/types'
import { findTargetHandler } from 'hono/utils/handler'
import { expect } from 'vitest'
import { z } from 'zod'
import type { App } from '../../api/app.js'
import { ROUTE_SPEC, type DescribedMiddleware, type RouteSpec } from '../../api/openapi/describe.js'

export interface RouteContract {
  method: string
  /** As Hono writes it: `/api/v1/places/:id`. */
  path: string
  spec: RouteSpec
}

/** Every route of the app with the contract it declares with `route({ … })` (api/openapi/describe.ts). */
export function routeContracts(app: { routes: RouterRoute[] }): RouteContract[] {
  return app.routes.flatMap((r) => {
    const spec = (findTargetHandler(r.handler) as Partial<DescribedMiddleware>)[ROUTE_SPEC]
    return spec ? [{ method: r.method.toLowerCase(), path: r.path, spec }] : []
  })
}

/** Hono `/a/:id` → OpenAPI `/a/{id}`. */
export const openApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')

function pathPattern(honoPath: string): RegExp {
  const escaped = honoPath
    .split('/')
    .map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${escaped}$`)
}

/** The contract of the route that answers `method url`; a literal segment wins over a parameter. */
export function contractFor(app: { routes: RouterRoute[] }, method: string, url: string): RouteContract {
  const path = new URL(url, 'http://x').pathname
  const matches = routeContracts(app)
    .filter((r) => r.method === method.toLowerCase() && pathPattern(r.path).test(path))
    .sort((a, b) => a.path.split(':').length - b.path.split(':').length)
  const found = matches[0]
  if (!found) throw new Error(`no route contract answers ${method} ${path}`)
  return found
}

/** The zod schema a route declares for a status and media type. */
export function declaredSchema(contract: RouteContract, status: number, type = 'application/json'): z.ZodType {
  const schema = contract.spec.responses[status]?.content?.[type]
  if (!(schema instanceof z.ZodType))
    throw new Error(`${contract.method} ${contract.path} declares no zod schema for ${status} ${type}`)
  return schema
}

/**
 * Checks an answer against the contract of the route that gave it: its status must be declared, and a JSON body
 * must parse with the schema declared for that status and media type. Returns the parsed body.
 */
export async function expectKeepsContract(
  app: { routes: RouterRoute[] },
  method: string,
  url: string,
  res: Response,
): Promise<unknown> {
  const contract = contractFor(app, method, url)
  const where = `${method.toUpperCase()} ${url} → ${res.status}`
  const declared = contract.spec.responses[res.status]
  expect(declared, `${where}: status not declared by ${contract.spec.operationId}`).toBeDefined()
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim()
  if (!type || res.status === 204 || res.status === 304) return undefined
  expect(Object.keys(declared!.content ?? {}), `${where}: media type`).toContain(type)
  if (!/json$/.test(type)) return res.text()
  const body: unknown = await res.json()
  // Documents described by a plain JSON Schema (the OpenAPI document itself) have no zod schema to check.
  if (!(declared!.content?.[type] instanceof z.ZodType)) return body
  const result = declaredSchema(contract, res.status, type).safeParse(body)
  expect(result.success ? [] : result.error.issues.slice(0, 5), where).toEqual([])
  return body
}

/** `app.request` that checks every answer against its route's declared contract. */
export function checkedRequest(app: App) {
  return async (url: string, init: RequestInit = {}) => {
    const res = await app.request(url, init)
    const body = await expectKeepsContract(app, init.method ?? 'GET', url, res.clone())
    return { res, body }
  }
}
