import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { buildOpenApiDocument } from '../openapi/document.js'
import { DOCS_PAGE } from '../openapi/docs-page.js'
import { ROUTES, SECURITY_SCHEMES } from '../openapi/routes/index.js'

export const apiDocsRoutes = new Hono<AppEnv>()

let cached: { version: string; body: string } | undefined

/** Built on first request and kept: the routes and schemas do not change while the app runs. */
apiDocsRoutes.get('/openapi.json', (c) => {
  const version = c.get('config').version
  if (cached?.version !== version)
    cached = { version, body: JSON.stringify(buildOpenApiDocument(ROUTES, { version, securitySchemes: SECURITY_SCHEMES })) }
  c.header('Cache-Control', 'public, max-age=300')
  return c.body(cached.body, 200, { 'Content-Type': 'application/json; charset=utf-8' })
})

apiDocsRoutes.get('/docs', (c) => c.html(DOCS_PAGE))
