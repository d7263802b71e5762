import { defineRoutes } from '../registry.js'

/** The document itself and its readable page (api/routes/api-docs.ts). */
export const apiDocsRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tags: ['operations'],
    responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { jsonSchema: { type: 'object' } } } } },
  },
  {
    method: 'get',
    path: '/api/docs',
    operationId: 'apiDocsPage',
    summary: 'A readable page of this document',
    tags: ['operations'],
    responses: { 200: { description: 'HTML', content: { 'text/html': { jsonSchema: { type: 'string' } } } } },
  },
])
