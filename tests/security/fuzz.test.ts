/**
 * Property-based fuzzing of every route the app serves (read from `app.routes`), through the Node stack people
 * run (api/server/node-server.ts), signed in as an administrator: generated hostile query strings, path
 * segments, JSON bodies, headers and import files. Whatever is sent: no 5xx, every 4xx is problem+json with its
 * own status, and a 4xx writes nothing (audit rows, reports, confirmations, accounts and place versions unchanged).
 *
 * What to send comes from the app itself: the routes from `app.routes`, each operation's query parameters (and the
 * values an enum allows) and JSON body members from the OpenAPI document its zod schemas generate
 * (GET /api/openapi.json), so a parameter added to a schema is fuzzed without touching this file. Besides the
 * random runs, a sweep sends each value that has broken servers like this one (NUL, lone surrogates, control
 * characters, overlong text) in every query parameter and every JSON member of every operation.
 */
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.js'
import { DEFAULT_TILE_HOSTS } from '../../api/context.js'
import { startNodeServer, type RunningNodeServer } from '../../api/server/node-server.js'
import { createStaff, createTestPlace, PASSWORD, removeTestPlaces, trackPlace } from '../helpers/staff.js'
import { shanghai, testDatabase } from '../helpers/test-db.js'

let server: RunningNodeServer
let routes: { method: string; path: string }[]
let cookie: string
let placeId: string
/** DELETE and restore act on this one, so the other stays there for edits. */
let disposableId: string
let victimId: string
/** Per operation ("GET /api/v1/places/:id"): its query parameters with values they accept, and its JSON members. */
let operations: Map<string, Operation>
/** Every query parameter and every JSON body member some operation declares. */
let queryNames: string[]
let bodyFields: string[]

beforeAll(async () => {
  const { db } = await testDatabase()
  // Each request from an address of its own: the fuzzer's failed sign-ins must not use up a budget other test
  // files share (the test clock stands still, so counters never expire).
  const app = createApp({
    db,
    clock: () => shanghai('2026-11-25T10:00'),
    clientAddress: () => `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
  })
  // (A route with middleware of its own is listed once per handler: once here.)
  const seen = new Set<string>()
  routes = app.routes
    .filter((r) => r.method !== 'ALL' && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }))
  server = await startNodeServer({ app, tileHosts: DEFAULT_TILE_HOSTS, port: 0, hostname: '127.0.0.1' })
  const admin = await createStaff('admin')
  // Account routes are fuzzed on another account, so the fuzzer cannot disable the one it is signed in with.
  victimId = (await createStaff('editor')).id
  placeId = await createTestPlace()
  disposableId = await createTestPlace()
  const res = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: admin.username, password: PASSWORD }),
  })
  cookie = res.headers.get('set-cookie')!.split(';')[0]!
  operations = readOperations(await (await fetch(`${server.url}/api/openapi.json`)).json<OpenApiDocument>())
  queryNames = [...new Set([...operations.values()].flatMap((o) => o.query.map((p) => p.name)))].sort()
  bodyFields = [...new Set([...operations.values()].flatMap((o) => o.body))].sort()
})
afterAll(async () => {
  await server?.close()
  await removeTestPlaces()
})

// ------------------------------------------------------------------------------------ the OpenAPI document

interface Schema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  properties?: Record<string, Schema>
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
}
interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string; schema?: Schema }>
        requestBody?: { content?: Record<string, { schema?: Schema }> }
      }
    >
  >
  components?: { schemas?: Record<string, Schema> }
}
interface Operation {
  query: Array<{ name: string; values: string[] }>
  /** JSON body members (none when the body is not JSON). */
  body: string[]
}

/** Values a parameter takes when it is right (enums and booleans come from the schema), so a request gets past it. */
const VALID: Record<string, string[]> = {
  lat: ['29.888', '29.9'],
  lng: ['121.554', '121.55'],
  radius: ['3000'],
  bbox: ['121.5,29.8,121.6,29.95', '-180,-90,180,90'],
  zoom: ['12', '17'],
  amenity: ['drinking_water', 'toilet'],
  q: ['驿站', 'a'],
  limit: ['5', '200'],
  cursor: ['eyJpZCI6ImEifQ'],
  offset: ['0', '10'],
  at: ['2026-11-25T10:00:00+08:00'],
  year: ['2026'],
}

function readOperations(doc: OpenApiDocument): Map<string, Operation> {
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()!]) : schema
  const members = (schema: Schema | undefined): string[] => {
    const s = resolve(schema)
    if (!s) return []
    return [...Object.keys(s.properties ?? {}), ...[...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap(members)]
  }
  const values = (name: string, schema: Schema | undefined): string[] => {
    const s = resolve(schema)
    const options = [s, ...(s?.anyOf ?? []), ...(s?.oneOf ?? [])].map(resolve)
    const enums = options.flatMap((o) => o?.enum ?? []).filter((v) => v !== null)
    if (enums.length) return enums.map(String)
    if (options.some((o) => o?.type === 'boolean')) return ['true', 'false']
    return VALID[name] ?? ['1']
  }
  const result = new Map<string, Operation>()
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue
      const query = (operation.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, values: values(p.name, p.schema) }))
      const body = [...new Set(members(operation.requestBody?.content?.['application/json']?.schema))]
      result.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, { query, body })
    }
  return result
}

/** "GET /api/v1/places/:id{…}" → the operation's key in the document. */
const operationKey = (r: { method: string; path: string }) => `${r.method} ${r.path.replace(/:(\w+)\{[^}]*\}/g, ':$1')}`
const operationOf = (r: { method: string; path: string }) => operations.get(operationKey(r))

/** Everything a 4xx must leave as it was. */
async function writes(): Promise<string> {
  const { db } = await testDatabase()
  const { rows } = await sql<Record<string, string>>`SELECT
    (SELECT count(*) FROM place_audit) AS place_audit, (SELECT count(*) FROM staff_audit) AS staff_audit,
    (SELECT count(*) FROM place_report) AS reports, (SELECT count(*) FROM place_confirmation) AS confirmations,
    (SELECT count(*) FROM staff_account) AS accounts, (SELECT coalesce(sum(version), 0) FROM place) AS versions,
    (SELECT count(*) FROM place) AS places`.execute(db)
  return JSON.stringify(rows[0])
}

// ------------------------------------------------------------------------------------------ hostile strings

/** NUL (PostgreSQL text cannot hold it) and unpaired UTF-16 surrogates (not encodable as UTF-8). */
const NUL_AND_SURROGATES = ['\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\udc00\ud800', '驿站\ud83d']
/** C0 and C1 controls, line and paragraph separators, bidi override, BOM, non-characters, a forged header line. */
const CONTROLS = [
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\f',
  '\u001b[2J',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e',
  '\ufeff',
  '\uffff',
  '\r\nX-Injected: 1',
]
/** Longer than any field allows, in ASCII, in CJK (three UTF-8 bytes each), digits, and a list. */
const OVERLONG = ['A'.repeat(5000), '驿'.repeat(3000), '9'.repeat(400), `${'1,'.repeat(2000)}1`, 'a'.repeat(20_000)]
const ODD = [
  '%00',
  '%',
  '%zz',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example")',
  '1e999',
  '-1e999',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '',
  ' ',
  ',,,',
  '-180,-90,180,90',
  '180,90,-180,-90',
  '121.5,29.8,121.6,29.9',
  '1,1,1,1',
  '999999999999999999999',
  '2026-02-30',
  'true',
  'null',
  '[]',
  '{}',
  '🚑💧',
  '爱心驿站',
]
const hostileCharacter = fc.constantFrom(...NUL_AND_SURROGATES, ...CONTROLS)
/**
 * Weighted so that most values carry something that has broken servers before: a hostile constant, or random text
 * with a hostile character somewhere inside; plain random text (printable and any code point) for the rest.
 */
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUL_AND_SURROGATES) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROLS) },
  { weight: 1, arbitrary: fc.constantFrom(...OVERLONG) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 12 }), hostileCharacter, fc.string({ unit: 'grapheme', maxLength: 12 }))
      .map(([a, h, b]) => a + h + b),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
)
/** The sweep: each of these in every parameter and every member. */
const SWEEP = ['a\u0000b', '\ud800', 'x\udc00y', '\u001b[2J\r\nX-Injected: 1', '\u202e\u0085', 'A'.repeat(5000)]

const hasNul = (s: string) => s.includes('\u0000')
const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const hasControl = (s: string) => /[\u0001-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/.test(s)

/** Misspelt and unknown names, which must be ignored or refused, never logged in full or crash anything. */
const STRAY_NAMES = ['lon', 'latitude', 'page', 'sort', 'callback']

/** Mostly the operation's own parameters with right values and one or two hostile ones; sometimes a stray name. */
const queryFor = (r: { method: string; path: string }) => {
  const own = operationOf(r)?.query ?? []
  const params = own.length ? own : queryNames.map((name) => ({ name, values: VALID[name] ?? ['1'] }))
  const pair = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...params).chain((p) => fc.constantFrom(...p.values).map((v) => [p.name, v] as const)),
    },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...params.map((p) => p.name)), hostileString) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...queryNames, ...STRAY_NAMES), hostileString), hostileString) },
  )
  return fc
    .uniqueArray(pair, { maxLength: 5, selector: ([k]) => k })
    .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'))
}

/** Percent-encodes any string, lone surrogates included (as the bytes a raw client could send). */
function encode(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80'
  }
}

/** Path parameters that lead to something real, so what follows them (query, body) is reached. */
const REAL_SEGMENT: Record<string, string> = { id: '<real>', featureId: '<real>', year: '2039', collectionId: 'places' }
const segment = (name: string) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(REAL_SEGMENT[name] ?? 'x') }, { weight: 2, arbitrary: hostileString.map(encode) })

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      [121.55, 29.89],
      [0, 0],
      [999, 999],
      ['121', '29'],
      { weekly: { mo: [['08:00', '26:00']] } },
      'caring_station',
      'open',
    ),
  },
  { weight: 1, arbitrary: fc.tuple(fc.double(), fc.double()) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }) },
)
/** A body each write route accepts, to be spoilt one member at a time. */
const TEMPLATES: Record<string, Record<string, unknown>> = {
  'POST /api/v1/places': { category: 'caring_station', name_zh: '模糊测试站', location: [121.55, 29.89] },
  'PATCH /api/v1/places/:id': {
    name_zh: '模糊测试站',
    description_zh: '说明',
    status: 'open',
    amenities: ['drinking_water'],
    details: {},
  },
  'POST /api/v1/places/:id/reports': { kind: 'other', message: '门坏了' },
  'POST /api/v1/places/:id/confirmations': { kind: 'open' },
  'PATCH /api/v1/reports/:id': { status: 'dismissed', note: 'x' },
  'POST /api/v1/staff/accounts': { username: 'fuzz-user', role: 'editor', password: 'a long enough password', organisations: [] },
  'PATCH /api/v1/staff/accounts/:id': { role: 'editor' },
  'PUT /api/v1/holidays/:year': { days: [{ date: '2039-01-01', kind: 'holiday', name_zh: '元旦', name_en: "New Year's Day" }] },
  'POST /api/v1/session': { username: 'nobody-fuzz', password: 'wrong' },
}
const spoilt = (r: { method: string; path: string }) => {
  const template = TEMPLATES[`${r.method} ${r.path}`] ?? {}
  const own = operationOf(r)?.body ?? []
  const fields = fc.constantFrom(...new Set([...own, ...Object.keys(template), ...bodyFields]))
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.oneof({ weight: 4, arbitrary: fields }, { weight: 1, arbitrary: hostileString }), jsonValue)
        .map(([key, value]) => JSON.stringify({ ...template, [key]: value })),
    },
    {
      weight: 2,
      arbitrary: fc.dictionary(fc.oneof(fields, hostileString), jsonValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(hostileString, fc.constantFrom('{"a":', '[', 'nul', '{"name_zh":"\\ud800"}', '{"__proto__":{"x":1}}')),
    },
  )
}
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/merge-patch+json',
  '',
)

interface Sent {
  method: string
  path: string
  status: number
}

async function send(
  method: string,
  path: string,
  init: { body?: string | undefined; headers?: Record<string, string> },
): Promise<Sent> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { Cookie: cookie, Origin: server.url, ...init.headers },
    ...(init.body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body: init.body } : {}),
  })
  const text = await res.text()
  expect(res.status, `${method} ${path.slice(0, 300)} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500)
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), `${method} ${path.slice(0, 300)}`).toContain('application/problem+json')
    if (method !== 'HEAD') expect((JSON.parse(text) as { status: number }).status).toBe(res.status)
  }
  if (res.status === 201 && method === 'POST' && path.split('?')[0] === '/api/v1/places')
    trackPlace((JSON.parse(text) as { id: string }).id)
  return { method, path, status: res.status }
}

/** The write counters after the last 4xx (unchanged by it), so the next check need not read them again. */
let knownWrites: string | undefined
/** One request, checked; on a 4xx the write counters must not have moved. */
async function check(method: string, path: string, init: { body?: string | undefined; headers?: Record<string, string> } = {}) {
  const before = knownWrites ?? (await writes())
  knownWrites = undefined
  const sent = await send(method, path, init)
  if (sent.status >= 400) {
    const after = await writes()
    expect(after, `${method} ${path.slice(0, 300)} wrote on a ${sent.status}`).toBe(before)
    knownWrites = after
  }
  return sent
}

const fill = (method: string, path: string, values: Record<string, string>) =>
  path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => {
    const value = values[name] ?? 'x'
    if (value !== '<real>') return value
    if (path.includes('accounts')) return victimId
    return method === 'DELETE' || path.endsWith('/restore') ? disposableId : placeId
  })

/** Routes the fuzzer leaves alone: signing out would sign the fuzzer itself out. */
const fuzzable = (r: { method: string; path: string }) => !(r.method === 'DELETE' && r.path === '/api/v1/session')

/** Route × generated path parameters, the public search routes more often than the rest. */
const SEARCH = new Set(['/api/v1/places', '/ogc/collections/:collectionId/items', '/api/v1/places/:id'])
const route = () =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...routes.filter((r) => r.method === 'GET' && SEARCH.has(r.path))) },
      { weight: 5, arbitrary: fc.constantFrom(...routes.filter(fuzzable)) },
    )
    .chain((r) => {
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
      return fc
        .record(Object.fromEntries(names.map((n) => [n, segment(n)])))
        .map((values) => ({ ...r, url: fill(r.method, r.path, values as Record<string, string>) }))
    })

const RUNS = Number(process.env.FUZZ_RUNS ?? 1)
const jsonHeaders = { 'Content-Type': 'application/json' }

describe('fuzzing every route through the Node stack', { timeout: 180_000 }, () => {
  it('covers every route the app serves and every parameter its OpenAPI document declares', () => {
    expect(routes.length).toBeGreaterThan(20)
    expect(routes.map((r) => r.path)).toContain('/api/v1/places/:id')
    // Every documented operation is a route the fuzzer draws from, and the other way round.
    for (const key of operations.keys()) expect(routes.map(operationKey), key).toContain(key)
    for (const r of routes.filter((r) => r.path.startsWith('/api/v1/')))
      expect([...operations.keys()], operationKey(r)).toContain(operationKey(r))
    // The document gives the parameters (not a list copied here): the search's q, bbox and cursor among them.
    expect(operationOf({ method: 'GET', path: '/api/v1/places' })!.query.map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'bbox', 'cursor', 'lat', 'lng', 'category', 'amenity', 'open_now', 'limit']),
    )
    expect(operationOf({ method: 'PATCH', path: '/api/v1/places/:id' })!.body).toEqual(
      expect.arrayContaining(['name_zh', 'location', 'opening_hours']),
    )
    expect(queryNames.length).toBeGreaterThan(15)
    expect(bodyFields.length).toBeGreaterThan(25)
  })

  it('generates hostile text reliably: NUL, lone surrogates, control characters and overlong values', () => {
    const sample = fc.sample(hostileString, { numRuns: 2000, seed: 11 })
    const share = (test: (s: string) => boolean) => sample.filter(test).length / sample.length
    expect(share(hasNul)).toBeGreaterThan(0.08)
    expect(share(hasLoneSurrogate)).toBeGreaterThan(0.1)
    expect(share(hasControl)).toBeGreaterThan(0.1)
    expect(share((s) => s.length > 1000)).toBeGreaterThan(0.04)
    expect(share((s) => hasNul(s) || hasLoneSurrogate(s) || hasControl(s) || s.length > 1000)).toBeGreaterThan(0.45)
  })

  it('sweep: NUL, lone surrogates, controls and overlong text in every query parameter and JSON member', async () => {
    let sent = 0
    for (const r of routes.filter(fuzzable)) {
      const operation = operationOf(r)
      if (!operation) continue
      const url = fill(r.method, r.path, REAL_SEGMENT)
      const template = TEMPLATES[`${r.method} ${r.path}`] ?? {}
      // An edit of a place carries its current ETag, so the request gets past If-Match to what is hostile.
      const headers = async (): Promise<Record<string, string>> => {
        if (r.method === 'GET' || !r.path.startsWith('/api/v1/places/:id')) return jsonHeaders
        const current = await fetch(`${server.url}/api/v1/places/${url.split('/')[4]}`, { headers: { Cookie: cookie } })
        return { ...jsonHeaders, 'If-Match': current.headers.get('etag') ?? '' }
      }
      const body = async () => (r.method === 'GET' ? {} : { body: JSON.stringify(template), headers: await headers() })
      for (const { name } of operation.query)
        for (const value of SWEEP) {
          // An import is a dry run unless dry_run itself is what is hostile (then nothing is read: no columns).
          const dry = r.path.endsWith('/import') && name !== 'dry_run' ? '&dry_run=true' : ''
          await check(r.method, `${url}?${encode(name)}=${encode(value)}${dry}`, await body())
          sent++
        }
      for (const member of operation.body)
        for (const value of SWEEP) {
          await check(r.method, url, { body: JSON.stringify({ ...template, [member]: value }), headers: await headers() })
          sent++
        }
    }
    expect(sent).toBeGreaterThan(SWEEP.length * (queryNames.length + bodyFields.length))
  })

  it('hostile query strings and path segments: no 5xx, problem+json, nothing written on a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        route().chain((r) => queryFor(r).map((q) => [r, q] as const)),
        async ([r, q]) => {
          await check(r.method, `${r.url}${q ? `?${q}` : ''}`, r.method === 'GET' ? {} : { body: '{}', headers: jsonHeaders })
        },
      ),
      { numRuns: 100 * RUNS },
    )
  })

  it('hostile JSON bodies and content types on every write route', async () => {
    const writeRoutes = route().filter((r) => r.method !== 'GET')
    await fc.assert(
      fc.asyncProperty(
        writeRoutes.chain((r) => spoilt(r).map((body) => [r, body] as const)),
        fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }),
        fc.oneof({ weight: 3, arbitrary: fc.constant('<current>') }, { weight: 1, arbitrary: fc.option(hostileString) }),
        async ([r, body], type, ifMatch) => {
          const headers: Record<string, string> = {}
          if (type) headers['Content-Type'] = type
          // Mostly the place's current ETag, so an edit gets past If-Match to the body; sometimes none or a bad one.
          if (ifMatch === '<current>') {
            const current = await fetch(`${server.url}/api/v1/places/${placeId}`, { headers: { Cookie: cookie } })
            const etag = current.headers.get('etag')
            if (etag) headers['If-Match'] = etag
          } else if (typeof ifMatch === 'string') headers['If-Match'] = encode(ifMatch)
          await check(r.method, r.path.includes('/import') ? `${r.url}?dry_run=true` : r.url, { body, headers })
        },
      ),
      { numRuns: 150 * RUNS },
    )
  })

  it('hostile headers: cookies, If-Match, If-None-Match, Accept, Origin', async () => {
    const header = fc.constantFrom(
      'Cookie',
      'If-Match',
      'If-None-Match',
      'Accept',
      'Accept-Language',
      'Origin',
      'X-Forwarded-For',
      'X-Forwarded-Proto',
      'Range',
      'Content-Type',
    )
    await fc.assert(
      fc.asyncProperty(route(), fc.dictionary(header, hostileString.map(encode), { maxKeys: 3 }), async (r, headers) => {
        await check(r.method, r.url, { headers, ...(r.method === 'GET' ? {} : { body: '{}' }) })
      }),
      { numRuns: 60 * RUNS },
    )
  })

  it('hostile CSV and GeoJSON import files (a dry run and a real one)', async () => {
    const cell = hostileString.map((s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s))
    const csvRows = fc.array(fc.array(cell, { minLength: 1, maxLength: 7 }), { maxLength: 4 })
    const csvFile = (rows: string[][], real: boolean) =>
      [
        'external_id,name_zh,category,lng,lat,details,opening_hours',
        // A real import must not slip a generated place into the shared test database: no row has a position.
        ...rows.map((r) => (real ? [...r.slice(0, 3), 'x', ...r.slice(4)] : r).join(',')),
      ].join('\r\n')
    const geojson = fc
      .array(
        fc.record({
          properties: fc.dictionary(fc.constantFrom(...bodyFields, 'external_id'), jsonValue, { maxKeys: 5 }),
          coordinates: jsonValue,
        }),
        { maxLength: 3 },
      )
      .chain((features) =>
        fc
          .constantFrom(
            undefined,
            null,
            { type: 'name', properties: { name: 'EPSG:3857' } },
            { type: 'name', properties: { name: 'http://www.opengis.net/def/crs/EPSG/0/3857' } },
            { type: 'name', properties: { name: 'EPSG:2385' } },
            { type: 'name', properties: null },
            { type: 'link', properties: { href: 'http://example.com/crs' } },
            'x',
          )
          .map((crs) =>
            JSON.stringify({
              type: 'FeatureCollection',
              ...(crs === undefined ? {} : { crs }),
              features: features.map((f) => ({
                type: 'Feature',
                geometry: { type: 'Point', coordinates: f.coordinates },
                properties: f.properties,
              })),
            }),
          ),
      )
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csvRows.map((rows) => ['csv', rows] as const),
          geojson.map((b) => ['geojson', b] as const),
        ),
        fc.boolean(),
        async ([format, content], dryRun) => {
          const file =
            format === 'csv'
              ? csvFile(content, !dryRun)
              : dryRun
                ? content
                : content.replace(/"coordinates":/g, '"coordinates":"x","c":')
          await check('POST', `/api/v1/import?format=${format}${dryRun ? '&dry_run=true' : ''}`, {
            body: file,
            headers: { 'Content-Type': format === 'csv' ? 'text/csv' : 'application/geo+json' },
          })
        },
      ),
      { numRuns: 60 * RUNS },
    )
  })
})
