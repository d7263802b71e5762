import { Hono } from 'hono'
import { generateSpecs } from 'hono-openapi'
import type { AppEnv } from '../context.js'
import { route, SECURITY_SCHEMES } from '../openapi/describe.js'
import { DOCS_PAGE } from '../openapi/docs-page.js'

const DESCRIPTION =
  'Public-service locator: caring stations (爱心驿站), clinics, talent apartments and training bases. Coordinates are WGS-84.'

/** The OpenAPI 3.1 document of every route of `app` that declares its contract with `route({ … })`. */
export async function openApiDocument(app: Hono<AppEnv>, version: string) {
  const doc = await generateSpecs(app, {
    documentation: {
      info: { title: 'Waystation API', version, description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
      // Relative: the document describes whichever host serves it.
      servers: [{ url: '/', description: 'The server this document came from' }],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    // Every route declares its own 400 (problem+json) where it can answer one.
    defaultValidationErrorResponse: false,
    // `export.csv` looks like a static file to hono-openapi; it is a route like any other.
    excludeStaticFile: false,
  })
  return { ...doc, jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base' }
}

/** The document and its readable page, mounted at /api; `app` is the whole app the document describes. */
export function apiDocsRoutes(app: Hono<AppEnv>) {
  const routes = new Hono<AppEnv>()
  // Built on first request and kept: the routes and schemas do not change while the app runs.
  let cached: Promise<string> | undefined

  routes.get(
    '/openapi.json',
    route({
      operationId: 'openApiDocument',
      summary: 'This OpenAPI 3.1 document',
      tags: ['operations'],
      responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { jsonSchema: { type: 'object' } } } } },
    }),
    async (c) => {
      cached ??= openApiDocument(app, c.get('config').version).then((doc) => JSON.stringify(doc))
      const body = await cached.catch((error: unknown) => {
        cached = undefined
        throw error
      })
      c.header('Cache-Control', 'public, max-age=300')
      return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' })
    },
  )

  routes.get(
    '/docs',
    route({
      operationId: 'apiDocsPage',
      summary: 'A readable page of this document',
      tags: ['operations'],
      responses: { 200: { description: 'HTML', content: { 'text/html': { jsonSchema: { type: 'string' } } } } },
    }),
    (c) => c.html(DOCS_PAGE),
  )
  return routes
}
