import type { MiddlewareHandler } from 'hono'
import { describeRoute, resolver, type DescribeRouteOptions } from 'hono-openapi'
import { z } from 'zod'
import { ProblemSchema } from '../schemas/problem.js'

/**
 * A route's contract, written beside its handler: `routes.get('/:id', route({ … }), handler)`.
 * The OpenAPI document (api/routes/api-docs.ts) is generated from these by hono-openapi, and tests validate
 * real answers against the same zod schemas (tests/helpers/contract.ts).
 */
export const PROBLEM_TYPE = 'application/problem+json'

/** A body or response content: a zod schema, or a plain JSON Schema for what zod does not describe (CSV, HTML). */
export type ContentSchema = z.ZodType | { jsonSchema: Record<string, unknown>; example?: unknown }

export interface ResponseSpec {
  description: string
  content?: Record<string, ContentSchema>
  headers?: Record<string, { description: string; schema?: JsonSchema }>
}

export interface RouteSpec {
  operationId: string
  summary: string
  description?: string
  tags: string[]
  /** The query string (input side: strings before transforms). */
  query?: z.ZodObject
  /** Path parameters; parameters not listed are documented as plain strings. */
  params?: z.ZodObject
  headers?: Record<string, { description: string; required?: boolean }>
  body?: { description?: string; required?: boolean; content: Record<string, ContentSchema> }
  responses: Record<number, ResponseSpec>
  /** Names of SECURITY_SCHEMES; empty or absent = public. */
  security?: Array<keyof typeof SECURITY_SCHEMES>
}

export const SECURITY_SCHEMES = {
  staffSession: { type: 'apiKey', in: 'cookie', name: 'waystation_session', description: 'Set by POST /api/v1/session' },
} as const

/** Where tests find a route's zod contract; the document gets the resolved JSON Schema. */
export const ROUTE_SPEC = Symbol('waystation.routeSpec')
export type DescribedMiddleware = MiddlewareHandler & { [ROUTE_SPEC]: RouteSpec }

/** A problem+json response, e.g. `400: problem('Invalid query')`. */
export const problem = (description: string): ResponseSpec => ({ description, content: { [PROBLEM_TYPE]: ProblemSchema } })

/** A JSON response of a zod schema. */
export const json = (description: string, schema: z.ZodType, type = 'application/json'): ResponseSpec => ({
  description,
  content: { [type]: schema },
})

type JsonSchema = Record<string, unknown> & { description?: string }

/** Every header a response may carry is a string here (ETag, Location, Retry-After…). */
const STRING: JsonSchema = { type: 'string' }

type OpenApiSchema = Awaited<ReturnType<ReturnType<typeof resolver>['toOpenAPISchema']>>

/**
 * Request bodies are described with zod's input side and responses with its output side; where one named
 * schema (e.g. OpeningHours) appears on both sides, the input copy is named `…Input` so neither overwrites the other.
 */
function inputResolver(schema: z.ZodType) {
  const base = resolver(schema, { options: { io: 'input', unrepresentable: 'any' } })
  return {
    ...base,
    toOpenAPISchema: async (custom?: Record<string, unknown>): Promise<OpenApiSchema> => {
      const out = await base.toOpenAPISchema(custom)
      const rename = (text: string) => text.replace(/#\/components\/schemas\/([A-Za-z0-9_]+)/g, '#/components/schemas/$1Input')
      const schemas = Object.fromEntries(
        Object.entries(out.components?.schemas ?? {}).map(([id, s]) => [`${id}Input`, JSON.parse(rename(JSON.stringify(s)))]),
      )
      return {
        schema: JSON.parse(rename(JSON.stringify(out.schema))) as OpenApiSchema['schema'],
        components: { ...out.components, schemas },
      }
    },
  }
}

const outputResolver = (schema: z.ZodType) => resolver(schema, { options: { io: 'output', unrepresentable: 'any' } })

function content(map: Record<string, ContentSchema>, io: 'input' | 'output') {
  return Object.fromEntries(
    Object.entries(map).map(([type, s]) => [
      type,
      s instanceof z.ZodType
        ? { schema: io === 'input' ? inputResolver(s) : outputResolver(s) }
        : { schema: s.jsonSchema, ...(s.example !== undefined ? { example: s.example } : {}) },
    ]),
  )
}

function inlineSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema & { $schema?: string }
  return rest
}

function parameters(spec: RouteSpec) {
  const out: Array<{ name: string; in: string; required: boolean; schema: JsonSchema; description?: string }> = []
  for (const [name, schema] of Object.entries(spec.params?.shape ?? {}) as Array<[string, z.ZodType]>)
    out.push({ name, in: 'path', required: true, schema: inlineSchema(schema) })
  for (const [name, schema] of Object.entries(spec.query?.shape ?? {}) as Array<[string, z.ZodType]>) {
    const json = inlineSchema(schema)
    const description = z.globalRegistry.get(schema)?.description ?? json.description
    out.push({
      name,
      in: 'query',
      required: !schema.safeParse(undefined).success,
      schema: json,
      ...(description ? { description } : {}),
    })
  }
  for (const [name, h] of Object.entries(spec.headers ?? {}))
    out.push({ name, in: 'header', required: h.required ?? false, description: h.description, schema: STRING })
  return out
}

/** The route's contract as a middleware that does nothing at request time; hono-openapi reads it from the app. */
export function route(spec: RouteSpec): DescribedMiddleware {
  const responses = Object.fromEntries(
    Object.entries(spec.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(r.headers).map(([name, h]) => [name, { description: h.description, schema: h.schema ?? STRING }]),
              ),
            }
          : {}),
        ...(r.content ? { content: content(r.content, 'output') } : {}),
      },
    ]),
  )
  const described = {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    parameters: parameters(spec),
    ...(spec.body
      ? {
          requestBody: {
            required: spec.body.required ?? true,
            ...(spec.body.description ? { description: spec.body.description } : {}),
            content: content(spec.body.content, 'input'),
          },
        }
      : {}),
    responses,
    // An empty list says "public" outright, so readers and linters need not guess.
    security: (spec.security ?? []).map((name) => ({ [name]: [] })),
  }
  // hono-openapi types parameters with OpenAPI 3.0 schemas (no `type: 'null'`); the lint test checks the document.
  return Object.assign(describeRoute(described as unknown as DescribeRouteOptions), { [ROUTE_SPEC]: spec })
}
