import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { PROBLEM_TYPE } from '../../api/openapi/describe.js'
import { contractFor, declaredSchema, openApiPath, routeContracts } from '../helpers/contract.js'
import { testApp } from '../helpers/test-db.js'

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components: { schemas: Record<string, unknown> } }

async function getDocument() {
  const app = await testApp()
  const res = await app.request('/api/openapi.json')
  return { app, res, doc: await res.json<Doc>() }
}

/** The zod schema a route declares for its response; validating with it is validating with the document's source. */
async function responseSchema(method: string, path: string, status: number, type = 'application/json') {
  const contract = contractFor(await testApp(), method, path.replace(/:[A-Za-z]+/g, 'x'))
  expect(contract.path).toBe(path)
  return declaredSchema(contract, status, type)
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

  it('has a declared contract for every route of the app', async () => {
    const app = await testApp()
    const declared = new Set(routeContracts(app).map((r) => `${r.method} ${r.path}`))
    const served = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${r.path}`)
    expect(declared.size).toBeGreaterThan(30)
    expect([...new Set(served)].filter((r) => !declared.has(r))).toEqual([])
  })

  it('passes `redocly lint` with the recommended rules, without errors (offline)', async () => {
    const { doc } = await getDocument()
    const file = join(mkdtempSync(join(tmpdir(), 'waystation-openapi-')), 'openapi.json')
    writeFileSync(file, JSON.stringify(doc))
    const run = spawnSync(
      process.execPath,
      ['node_modules/@redocly/cli/bin/cli.js', 'lint', file, '--config', 'redocly.yaml', '--format', 'json'],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        timeout: 60_000,
      },
    )
    const report = JSON.parse(run.stdout) as { totals: { errors: number }; problems: Array<{ ruleId: string; severity: string; message: string }> }
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(report.totals.errors).toBe(0)
    expect(run.status).toBe(0)
  }, 60_000)

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
    expectValid(await responseSchema(method, path, 200), await res.json())
  })

  it('GET /api/v1/places/:id (a detail feature)', async () => {
    const app = await testApp()
    const list = await (await app.request('/api/v1/places?limit=30')).json<{ features: Array<{ id: string }> }>()
    expect(list.features.length).toBeGreaterThan(0)
    for (const { id } of list.features) {
      const res = await app.request(`/api/v1/places/${id}`)
      expectValid(await responseSchema('get', '/api/v1/places/:id', 200), await res.json())
    }
  })

  it('400 and 404 answers are problem documents', async () => {
    const app = await testApp()
    const bad = await app.request('/api/v1/places?lat=north')
    expect(bad.headers.get('content-type')).toContain(PROBLEM_TYPE)
    expectValid(await responseSchema('get', '/api/v1/places', 400, PROBLEM_TYPE), await bad.json())
    const missing = await app.request('/api/v1/places/no-such-place')
    expectValid(await responseSchema('get', '/api/v1/places/:id', 404, PROBLEM_TYPE), await missing.json())
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
