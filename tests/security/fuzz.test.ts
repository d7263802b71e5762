/**
 * Property-based fuzzing of every route the app serves (read from `app.routes`), through the Node stack people
 * run (api/server/node-server.ts), signed in as an administrator: generated hostile query strings, path
 * segments, JSON bodies, headers and import files. Whatever is sent: no 5xx, every 4xx is problem+json with its
 * own status, and a 4xx writes nothing (audit rows, reports, confirmations, accounts and place versions unchanged).
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

beforeAll(async () => {
  const { db } = await testDatabase()
  // Each request from an address of its own: the fuzzer's failed sign-ins must not use up a budget other test
  // files share (the test clock stands still, so counters never expire).
  const app = createApp({
    db,
    clock: () => shanghai('2026-11-25T10:00'),
    clientAddress: () => `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
  })
  routes = app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, path: r.path }))
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
})
afterAll(async () => {
  await server?.close()
  await removeTestPlaces()
})

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

const HOSTILE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '%00',
  '%',
  '%zz',
  '\n',
  '\r\nX-Injected: 1',
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
  'A'.repeat(5000),
]
/** What has crashed servers like this one before: NUL, lone surrogates, huge and non-finite numbers, odd boxes. */
const POTENT = ['\u0000', 'a\u0000b', '\ud800', 'x\udc00y', 'A'.repeat(5000), '1e999', '-180,-90,180,90', '1,1,1,1']
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...POTENT) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
)
const PARAM_NAMES = [
  'lat',
  'lng',
  'lon',
  'latitude',
  'radius',
  'bbox',
  'category',
  'amenity',
  'open_now',
  'q',
  'limit',
  'cursor',
  'offset',
  'f',
  'format',
  'crs',
  'organisation',
  'dry_run',
  'skip_invalid',
  'status',
  'place',
  'year',
  'holiday',
  'makeup_workday',
]
/** Values each parameter takes when it is right, so a request gets past the others to the one that is hostile. */
const VALID: Record<string, string[]> = {
  lat: ['29.888', '29.9'],
  lng: ['121.554', '121.55'],
  radius: ['3000'],
  bbox: ['121.5,29.8,121.6,29.95', '-180,-90,180,90'],
  category: ['caring_station', 'clinic'],
  amenity: ['drinking_water', 'toilet'],
  open_now: ['true', 'false'],
  q: ['驿站', 'a'],
  limit: ['5', '200'],
  cursor: ['eyJpZCI6ImEifQ'],
  offset: ['0', '10'],
  f: ['json'],
  format: ['csv', 'geojson'],
  crs: ['wgs84'],
  dry_run: ['true'],
  skip_invalid: ['false'],
  status: ['open'],
  year: ['2026'],
}
const QUERY_PARAMS: Record<string, readonly string[]> = {
  '/api/v1/places': ['lat', 'lng', 'radius', 'bbox', 'category', 'amenity', 'open_now', 'q', 'limit', 'cursor'],
  '/ogc/collections/places/items': ['bbox', 'limit', 'offset', 'category', 'f'],
}
/** Mostly known parameters with right values and one or two hostile ones; sometimes an unknown name. */
const queryFor = (path: string) => {
  const names = QUERY_PARAMS[path] ?? PARAM_NAMES
  const pair = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...names).chain((n) => fc.constantFrom(...(VALID[n] ?? ['1'])).map((v) => [n, v] as const)),
    },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...names), hostileString) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), hostileString), hostileString) },
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

const segment = (name: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(name === 'year' ? '2039' : name === 'id' ? '<real>' : 'x') },
    { weight: 2, arbitrary: hostileString.map(encode) },
  )

const JSON_FIELDS = [
  'name_zh',
  'name_en',
  'address_zh',
  'location',
  'amenities',
  'opening_hours',
  'staffed_hours',
  'access',
  'amenity_status',
  'status',
  'status_reason',
  'status_until',
  'phone',
  'description_zh',
  'details',
  'category',
  'id',
  'organisation_id',
  'area_code',
  'kind',
  'amenity',
  'message',
  'note',
  'out_of_order',
  'username',
  'password',
  'role',
  'organisations',
  'disabled',
  'days',
  'confirm_outside_area',
]
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
  'POST /api/v1/accounts': { username: 'fuzz-user', role: 'editor', password: 'a long enough password', organisations: [] },
  'PATCH /api/v1/accounts/:id': { role: 'editor' },
  'PUT /api/v1/holidays/:year': { days: [{ date: '2039-01-01', kind: 'holiday', name_zh: '元旦', name_en: "New Year's Day" }] },
  'POST /api/v1/session': { username: 'nobody-fuzz', password: 'wrong' },
}
const spoilt = (template: Record<string, unknown>) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...Object.keys(template), ...JSON_FIELDS), hostileString), jsonValue)
        .map(([key, value]) => JSON.stringify({ ...template, [key]: value })),
    },
    {
      weight: 2,
      arbitrary: fc
        .dictionary(fc.oneof(fc.constantFrom(...JSON_FIELDS), hostileString), jsonValue, { maxKeys: 6 })
        .map((o) => JSON.stringify(o)),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(hostileString, fc.constantFrom('{"a":', '[', 'nul', '{"name_zh":"\\ud800"}', '{"__proto__":{"x":1}}')),
    },
  )
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
  expect(res.status, `${method} ${path} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500)
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), `${method} ${path}`).toContain('application/problem+json')
    if (method !== 'HEAD') expect((JSON.parse(text) as { status: number }).status).toBe(res.status)
  }
  if (res.status === 201 && method === 'POST' && path.split('?')[0] === '/api/v1/places')
    trackPlace((JSON.parse(text) as { id: string }).id)
  return { method, path, status: res.status }
}

/** One request, checked; on a 4xx the write counters must not have moved. */
async function check(method: string, path: string, init: { body?: string | undefined; headers?: Record<string, string> } = {}) {
  const before = await writes()
  const sent = await send(method, path, init)
  if (sent.status >= 400) expect(await writes(), `${method} ${path} wrote on a ${sent.status}`).toBe(before)
}

const fill = (method: string, path: string, values: Record<string, string>) =>
  path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => {
    const value = values[name] ?? 'x'
    if (value !== '<real>') return value
    if (path.includes('accounts')) return victimId
    return method === 'DELETE' || path.endsWith('/restore') ? disposableId : placeId
  })

/**
 * Route × generated path parameters, the public search routes more often than the rest; signing out is left out
 * (the fuzzer would sign itself out).
 */
const SEARCH = new Set(['/api/v1/places', '/ogc/collections/places/items', '/api/v1/places/:id'])
const route = () =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...routes.filter((r) => r.method === 'GET' && SEARCH.has(r.path))) },
      {
        weight: 5,
        arbitrary: fc.constantFrom(...routes.filter((r) => !(r.method === 'DELETE' && r.path === '/api/v1/session'))),
      },
    )
    .chain((r) => {
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
      return fc
        .record(Object.fromEntries(names.map((n) => [n, segment(n)])))
        .map((values) => ({ ...r, url: fill(r.method, r.path, values as Record<string, string>) }))
    })

const RUNS = Number(process.env.FUZZ_RUNS ?? 1)

describe('fuzzing every route through the Node stack', () => {
  it('covers every route the app serves', () => {
    expect(routes.length).toBeGreaterThan(20)
    expect(routes.map((r) => r.path)).toContain('/api/v1/places/:id')
  })

  it('hostile query strings and path segments: no 5xx, problem+json, nothing written on a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        route().chain((r) => queryFor(r.path).map((q) => [r, q] as const)),
        async ([r, q]) => {
          await check(
            r.method,
            `${r.url}${q ? `?${q}` : ''}`,
            r.method === 'GET' ? {} : { body: '{}', headers: { 'Content-Type': 'application/json' } },
          )
        },
      ),
      { numRuns: 150 * RUNS },
    )
  })

  it('hostile JSON bodies and content types on every write route', async () => {
    const writeRoutes = route().filter((r) => r.method !== 'GET')
    await fc.assert(
      fc.asyncProperty(
        writeRoutes.chain((r) => spoilt(TEMPLATES[`${r.method} ${r.path}`] ?? {}).map((body) => [r, body] as const)),
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
          } else if (ifMatch !== null) headers['If-Match'] = encode(String(ifMatch))
          await check(r.method, r.path.includes('/import') ? `${r.url}?dry_run=true` : r.url, { body, headers })
        },
      ),
      { numRuns: 250 * RUNS },
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
          properties: fc.dictionary(fc.constantFrom(...JSON_FIELDS, 'external_id'), jsonValue, { maxKeys: 5 }),
          coordinates: jsonValue,
        }),
        { maxLength: 3 },
      )
      .chain((features) =>
        fc
          .constantFrom(
            undefined,
            { type: 'name', properties: { name: 'EPSG:3857' } },
            { type: 'name', properties: { name: 'EPSG:2385' } },
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
              ? csvFile(content as string[][], !dryRun)
              : dryRun
                ? (content as string)
                : (content as string).replace(/"coordinates":/g, '"coordinates":"x","c":')
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
