import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { ROUTES } from '../../api/openapi/routes/index.js'
import { openApiPath, PROBLEM_TYPE } from '../../api/openapi/registry.js'
import { testApp } from '../helpers/test-db.js'

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components: { schemas: Record<string, unknown> } }

async function getDocument() {
  const app = await testApp()
  const res = await app.request('/api/openapi.json')
  return { app, res, doc: (await res.json()) as Doc }
}

/** The zod schema the registry gives for a route's response; validating with it is validating with the document's source. */
function responseSchema(method: string, path: string, status: number, type = 'application/json') {
  const route = ROUTES.find((r) => r.method === method && r.path === path)
  const schema = route?.responses[status]?.content?.[type]
  if (!schema || !('safeParse' in schema)) throw new Error(`no zod schema for ${method} ${path} ${status} ${type}`)
  return schema as z.ZodType
}

function expectValid(schema: z.ZodType, body: unknown) {
  const result = schema.safeParse(body)
  expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([])
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document', async () => {
    const { res, doc } = await getDocument()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/api/v1/places/{id}']?.get).toBeDefined()
  })

  it('lists every route the app serves', async () => {
    const { app, doc } = await getDocument()
    const served = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`)
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    expect(served.length).toBeGreaterThan(5)
    expect([...new Set(served)].filter((r) => !documented.includes(r))).toEqual([])
  })

  it('resolves every $ref to a component schema', async () => {
    const { doc } = await getDocument()
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThan(5)
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9_]+$/)
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined()
    }
  })

  it('describes the place collection with a component, not inline', async () => {
    const { doc } = await getDocument()
    const ok = doc.paths['/api/v1/places']!.get!.responses['200']!.content!['application/json']!.schema
    expect(ok).toEqual({ $ref: '#/components/schemas/PlaceCollection' })
    expect(JSON.stringify(doc.components.schemas.PlaceDetailFeature)).toContain('#/components/schemas/OpeningHours')
  })
})

describe('responses of the main routes keep to the document', () => {
  const cases: Array<[string, string, string]> = [
    ['/api/v1/places?limit=20', 'get', '/api/v1/places'],
    ['/api/v1/places?lat=29.884&lng=121.556&radius=3000&limit=5', 'get', '/api/v1/places'],
    ['/api/v1/categories', 'get', '/api/v1/categories'],
    ['/api/v1/amenities', 'get', '/api/v1/amenities'],
    ['/api/v1/areas', 'get', '/api/v1/areas'],
    ['/healthz', 'get', '/healthz'],
  ]
  it.each(cases)('%s', async (url, method, path) => {
    const app = await testApp()
    const res = await app.request(url)
    expect(res.status).toBe(200)
    expectValid(responseSchema(method, path, 200), await res.json())
  })

  it('GET /api/v1/places/:id (a detail feature)', async () => {
    const app = await testApp()
    const list = (await (await app.request('/api/v1/places?limit=30')).json()) as { features: Array<{ id: string }> }
    expect(list.features.length).toBeGreaterThan(0)
    for (const { id } of list.features) {
      const res = await app.request(`/api/v1/places/${id}`)
      expectValid(responseSchema('get', '/api/v1/places/:id', 200), await res.json())
    }
  })

  it('400 and 404 answers are problem documents', async () => {
    const app = await testApp()
    const bad = await app.request('/api/v1/places?lat=north')
    expect(bad.headers.get('content-type')).toContain(PROBLEM_TYPE)
    expectValid(responseSchema('get', '/api/v1/places', 400, PROBLEM_TYPE), await bad.json())
    const missing = await app.request('/api/v1/places/no-such-place')
    expectValid(responseSchema('get', '/api/v1/places/:id', 404, PROBLEM_TYPE), await missing.json())
  })
})

describe('GET /api/docs', () => {
  it('serves a readable page that loads nothing from another host', async () => {
    const app = await testApp()
    const res = await app.request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('/api/openapi.json')
    expect(html).not.toMatch(/(src|href)="https?:/)
  })
})
