import type { z } from 'zod'
import { ProblemSchema } from '../schemas/problem.js'

/**
 * One entry per route the app serves, written once beside nothing else: the OpenAPI document is built from these
 * and a test checks that every route in `app.routes` has one. Add yours to api/openapi/routes/index.ts.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** A body or response content: a zod schema, or a plain JSON Schema for what zod does not describe (CSV, HTML). */
export type ContentSchema = z.ZodType | { jsonSchema: Record<string, unknown>; example?: unknown }

export interface ResponseSpec {
  description: string
  content?: Record<string, ContentSchema>
  headers?: Record<string, { description: string; schema?: Record<string, unknown> }>
}

export interface RouteSpec {
  method: HttpMethod
  /** The path as Hono writes it: `/api/v1/places/:id`. */
  path: string
  operationId: string
  summary: string
  description?: string
  tags: string[]
  /** A zod object of the query string (input side: strings before transforms). */
  query?: z.ZodObject
  /** A zod object of the path parameters; parameters not listed are documented as plain strings. */
  params?: z.ZodObject
  headers?: Record<string, { description: string; required?: boolean }>
  body?: { description?: string; required?: boolean; content: Record<string, ContentSchema> }
  responses: Record<number, ResponseSpec>
  /** Names of security schemes (see SECURITY_SCHEMES in routes/index.ts); empty or absent = public. */
  security?: string[]
}

export const defineRoutes = (routes: RouteSpec[]): RouteSpec[] => routes

export const PROBLEM_TYPE = 'application/problem+json'

/** A problem+json response, e.g. `400: problem('Invalid query')`. */
export const problem = (description: string): ResponseSpec => ({ description, content: { [PROBLEM_TYPE]: ProblemSchema } })

/** A JSON response of a zod schema. */
export const json = (description: string, schema: z.ZodType, type = 'application/json'): ResponseSpec => ({
  description,
  content: { [type]: schema },
})

/** Hono `/a/:id` → OpenAPI `/a/{id}`. */
export const openApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')
