import { z } from 'zod'
import { openApiPath, type ContentSchema, type RouteSpec } from './registry.js'

type Json = Record<string, unknown>
type Io = 'input' | 'output'

const isZod = (s: ContentSchema): s is z.ZodType => s instanceof z.ZodType

/**
 * Collects the zod schemas of bodies (input side) and responses (output side) in two registries, so each is
 * emitted once under components/schemas and referenced; schemas with a global `.meta({ id })` keep their id.
 */
class ComponentCollector {
  private readonly registries = { input: z.registry<{ id: string }>(), output: z.registry<{ id: string }>() }
  private readonly ids = { input: new Map<z.ZodType, string>(), output: new Map<z.ZodType, string>() }

  ref(schema: z.ZodType, io: Io, fallbackId: string): Json {
    let id = this.ids[io].get(schema)
    if (!id) {
      const base = (z.globalRegistry.get(schema)?.id as string | undefined) ?? fallbackId
      id = io === 'input' ? `${base}Input` : base
      this.ids[io].set(schema, id)
      this.registries[io].add(schema, { id })
    }
    return { $ref: `#/components/schemas/${id}` }
  }

  schemas(): Record<string, Json> {
    const all: Record<string, Json> = {}
    for (const io of ['output', 'input'] as const) {
      const suffix = io === 'input' ? 'Input' : ''
      const out = z.toJSONSchema(this.registries[io], {
        target: 'draft-2020-12',
        io,
        unrepresentable: 'any',
        uri: (id) => `#/components/schemas/${id}`,
      }) as { schemas: Record<string, Json> }
      // Nested schemas with a global id land in `__shared.$defs`: lift them to components of their own.
      const { __shared: shared, ...named } = out.schemas
      const lifted = Object.fromEntries(
        Object.entries((shared?.$defs ?? {}) as Record<string, Json>).map(([id, s]) => [`${id}${suffix}`, s]),
      )
      for (const [id, schema] of Object.entries({ ...named, ...lifted })) {
        const { $schema: _s, $id: _i, ...rest } = schema
        all[id] = rest
      }
    }
    const text = JSON.stringify(all).replace(
      /#\/components\/schemas\/__shared#\/\$defs\/([A-Za-z0-9_]+)/g,
      (_m, id: string) => `#/components/schemas/${id}`,
    )
    return JSON.parse(text) as Record<string, Json>
  }
}

function inlineSchema(schema: z.ZodType, io: Io): Json {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as Json
  return rest
}

function content(map: Record<string, ContentSchema>, io: Io, components: ComponentCollector, name: string): Json {
  return Object.fromEntries(
    Object.entries(map).map(([type, s]) => [
      type,
      isZod(s)
        ? { schema: components.ref(s, io, name) }
        : { schema: s.jsonSchema, ...(s.example !== undefined ? { example: s.example } : {}) },
    ]),
  )
}

function parameters(route: RouteSpec): Json[] {
  const out: Json[] = []
  const pathNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!)
  for (const name of pathNames) {
    const schema = route.params?.shape[name] as z.ZodType | undefined
    out.push({ name, in: 'path', required: true, schema: schema ? inlineSchema(schema, 'input') : { type: 'string' } })
  }
  for (const [name, schema] of Object.entries(route.query?.shape ?? {}) as Array<[string, z.ZodType]>) {
    const json = inlineSchema(schema, 'input')
    const description =
      (z.globalRegistry.get(schema)?.description as string | undefined) ?? (json.description as string | undefined)
    out.push({
      name,
      in: 'query',
      required: !schema.safeParse(undefined).success,
      schema: json,
      ...(description ? { description } : {}),
    })
  }
  for (const [name, h] of Object.entries(route.headers ?? {}))
    out.push({ name, in: 'header', required: h.required ?? false, description: h.description, schema: { type: 'string' } })
  return out
}

export interface DocumentInfo {
  version: string
  securitySchemes: Record<string, Json>
}

/** The OpenAPI 3.1 document of the given routes. */
export function buildOpenApiDocument(routes: readonly RouteSpec[], info: DocumentInfo): Json {
  const components = new ComponentCollector()
  const paths: Record<string, Record<string, Json>> = {}
  for (const route of routes) {
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, r]) => [
        status,
        {
          description: r.description,
          ...(r.headers ? { headers: r.headers } : {}),
          ...(r.content ? { content: content(r.content, 'output', components, `${route.operationId}${status}`) } : {}),
        },
      ]),
    )
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      parameters: parameters(route),
      ...(route.body
        ? {
            requestBody: {
              required: route.body.required ?? true,
              ...(route.body.description ? { description: route.body.description } : {}),
              content: content(route.body.content, 'input', components, `${route.operationId}Body`),
            },
          }
        : {}),
      responses,
      ...(route.security?.length ? { security: route.security.map((name) => ({ [name]: [] })) } : {}),
    }
    ;(paths[openApiPath(route.path)] ??= {})[route.method] = operation
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Waystation API',
      version: info.version,
      description:
        'Public-service locator: caring stations (爱心驿站), clinics, talent apartments and training bases. Coordinates are WGS-84.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    paths,
    components: { schemas: components.schemas(), securitySchemes: info.securitySchemes },
  }
}
