/**
 * Issue 11: the sign-in throttle cannot be raced or turned against staff, trusted proxies, HSTS, CSV injection,
 * log forging. Through the app (app.request); the hostile-input and fuzz files go through the Node stack.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { hashPassword, MAX_ITERATIONS } from '../../api/auth/password.js'
import { parseCsv } from '../../api/import/csv.js'
import { COLUMN_NAMES } from '../../api/import/columns.js'
import { redactedPath } from '../../api/middleware/request-log.js'
import { createAccount } from '../../api/queries/accounts.js'
import { createStaff, createTestPlace, PASSWORD, removeTestPlaces, uniqueName } from '../helpers/staff.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

const login = (username: string, password: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify({ username, password }),
})
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`))

/** A client address of its own per test and run (the test clock stands still, so counters never expire). */
const someClient = () => `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`

async function hits(bucket: string, key: string) {
  const { db } = await testDatabase()
  const row = await db
    .selectFrom('rate_limit')
    .select('hits')
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .executeTakeFirst()
  return row?.hits ?? 0
}

describe('sign-in throttle', () => {
  it('counts 20 parallel wrong guesses as 20, refuses the right password from that client, lets the usual browser in', async () => {
    const { username } = await createStaff('admin')
    const app = await testApp({ clientAddress: (c) => c.req.header('x-test-client') })
    // Staff signed in from their usual browser last week: it holds a device cookie for the account.
    const usualClient = someClient()
    const earlier = await app.request('/api/v1/session', login(username, PASSWORD, { 'X-Test-Client': usualClient }))
    expect(earlier.status).toBe(201)
    const device = cookieOf(earlier, 'ws_device')!
    expect(earlier.headers.getSetCookie().find((c) => c.startsWith('ws_device='))).toMatch(
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i,
    )

    const attacker = { 'X-Test-Client': someClient() }
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.request('/api/v1/session', login(username, `guess ${i}`, attacker))),
    )
    const statuses = guesses.map((r) => r.status)
    // Only the first 5 were even checked; all 20 were counted.
    expect(statuses.filter((s) => s === 401).length).toBe(5)
    expect(statuses.filter((s) => s === 429).length).toBe(15)
    expect(await hits('login_account', username)).toBe(20)
    const right = await app.request('/api/v1/session', login(username, PASSWORD, attacker))
    expect(right.status).toBe(429)
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(right.headers.get('content-type')).toContain('application/problem+json')
    // Also refused from any other client that has no device cookie…
    expect((await app.request('/api/v1/session', login(username, PASSWORD, { 'X-Test-Client': someClient() }))).status).toBe(429)
    // …but the usual browser signs in at once.
    const usual = await app.request(
      '/api/v1/session',
      login(username, PASSWORD, { 'X-Test-Client': usualClient, Cookie: device }),
    )
    expect(usual.status).toBe(201)
  })

  it('grows the lockout while guesses continue', async () => {
    const { username } = await createStaff('editor')
    const client = someClient()
    const app = await testApp({ clientAddress: () => client })
    for (let i = 0; i < 5; i++) await app.request('/api/v1/session', login(username, 'nope'))
    const first = Number((await app.request('/api/v1/session', login(username, 'nope'))).headers.get('retry-after'))
    for (let i = 0; i < 5; i++) await app.request('/api/v1/session', login(username, 'nope'))
    const later = Number((await app.request('/api/v1/session', login(username, 'nope'))).headers.get('retry-after'))
    expect(first).toBeLessThanOrEqual(15 * 60)
    expect(later).toBeGreaterThan(first)
  })

  it('ignores a device cookie forged, or issued for another account', async () => {
    const a = await createStaff('editor')
    const b = await createStaff('editor')
    const client = someClient()
    const app = await testApp({ clientAddress: () => client })
    const signed = await app.request('/api/v1/session', login(a.username, PASSWORD))
    const deviceA = cookieOf(signed, 'ws_device')!
    for (let i = 0; i < 6; i++) await app.request('/api/v1/session', login(b.username, 'nope', { Cookie: deviceA }))
    expect((await app.request('/api/v1/session', login(b.username, PASSWORD, { Cookie: deviceA }))).status).toBe(429)
    const forged = `ws_device=${'A'.repeat(22)}.${'B'.repeat(43)}`
    expect((await app.request('/api/v1/session', login(b.username, PASSWORD, { Cookie: forged }))).status).toBe(429)
  })

  it('upgrades a hash made at a lower cost when its owner signs in, on the record', async () => {
    const { db } = await testDatabase()
    const username = uniqueName('cheap').toLowerCase()
    const id = await createAccount(db, {
      username,
      role: 'editor',
      passwordHash: await hashPassword(PASSWORD, 1000),
      organisations: [],
    })
    const app = await testApp()
    expect((await app.request('/api/v1/session', login(username, PASSWORD))).status).toBe(201)
    const row = await db.selectFrom('staff_account').select('password_hash').where('id', '=', id!).executeTakeFirstOrThrow()
    expect(row.password_hash.split('$')[1]).toBe(String(MAX_ITERATIONS))
    const audit = await db.selectFrom('staff_audit').select('changes').where('subject', '=', `account:${id}`).execute()
    expect(audit.map((a) => a.changes)).toContainEqual({ password_iterations: { before: 1000, after: MAX_ITERATIONS } })
    expect((await app.request('/api/v1/session', login(username, PASSWORD))).status).toBe(201)
  })
})

describe('trusted proxies', () => {
  const behindProxy = (peer: string) => testApp({ clientAddress: () => peer, config: { trustedProxies: ['loopback'] } })
  const report = (placeId: string, forwardedFor: string) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    body: JSON.stringify({ kind: 'closed' }),
  })

  it('keys the report budget by the client behind a trusted proxy, so one client cannot use it up for all', async () => {
    const place = await createTestPlace()
    const app = await behindProxy('127.0.0.1')
    const flooder = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
    let limited = 0
    for (let i = 0; i < 11; i++)
      if ((await app.request(`/api/v1/places/${place}/reports`, report(place, `6.6.6.6, ${flooder}`))).status === 429) limited++
    expect(limited).toBe(1)
    const other = await app.request(`/api/v1/places/${place}/reports`, report(place, `${flooder.replace(/^10\.9/, '10.8')}`))
    expect(other.status).toBe(201)
  })

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const place = await createTestPlace()
    const app = await behindProxy(`192.0.2.${Math.floor(Math.random() * 250)}`)
    const statuses = []
    for (let i = 0; i < 11; i++)
      statuses.push((await app.request(`/api/v1/places/${place}/reports`, report(place, `10.7.0.${i}`))).status)
    expect(statuses.at(-1)).toBe(429)
  })

  it('sends HSTS and Secure cookies over https, directly or from a trusted proxy, and not otherwise', async () => {
    const proxied = await behindProxy('127.0.0.1')
    const viaProxy = await proxied.request('/healthz', { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000')
    const direct = await (await testApp()).request('https://waystation.example/api/v1/categories')
    expect(direct.headers.get('strict-transport-security')).toBe('max-age=31536000')
    const spoofed = await (await behindProxy('192.0.2.1')).request('/healthz', { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(spoofed.headers.get('strict-transport-security')).toBeNull()
    const { username } = await createStaff('editor')
    const signedIn = await proxied.request('/api/v1/session', login(username, PASSWORD, { 'X-Forwarded-Proto': 'https' }))
    for (const cookie of signedIn.headers.getSetCookie()) expect(cookie).toMatch(/;\s*Secure/i)
  })
})

describe('CSV export: formula injection', () => {
  it('neutralises cells starting with = + - @ tab or CR, keeps numbers, and an import reads the original back', async () => {
    const hyperlink = '=HYPERLINK("http://evil.example/x","点击")'
    const id = await createTestPlace(undefined, {
      description_zh: hyperlink,
      description_en: "'=already quoted",
      status_reason: '@SUM(1+1)',
      name_en: '-minus',
      phone: '+86 574 8888 0000',
    })
    const app = await testApp()
    const text = await (await app.request('/api/v1/export.csv')).text()
    const [header, ...rows] = [...parseCsv(text)]
    const row = rows.find((r) => r.fields[0] === id)!
    const cell = (c: string) => row.fields[header!.fields.indexOf(c)]
    expect(cell('description_zh')).toBe(`'${hyperlink}`)
    expect(cell('status_reason')).toBe("'@SUM(1+1)")
    expect(cell('name_en')).toBe("'-minus")
    expect(cell('phone')).toBe("'+86 574 8888 0000")
    expect(cell('description_en')).toBe("''=already quoted")
    expect(Number(cell('lng'))).toBeCloseTo(121.55)
    for (const r of rows) for (const f of r.fields) expect(f).not.toMatch(/^[=+@\t\r]/)
    expect(COLUMN_NAMES).toContain('description_zh')

    const { db } = await testDatabase()
    const { runImport } = await import('../../api/import/run-import.js')
    const onlyOurs = `${text.split('\r\n')[0]}\r\n${text.split('\r\n').find((l) => l.startsWith(`${id},`))}\r\n`
    const report = await runImport(db, onlyOurs, {
      format: 'csv',
      source: 'x',
      dryRun: true,
      actor: { accountId: null, username: 'test' },
      now: new Date(),
    })
    expect(report.rejected).toEqual([])
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 })
  })
})

describe('request log', () => {
  it('escapes control characters, so a query cannot forge a log line', () => {
    const line = redactedPath('http://x/api/v1/places?q=%0a2026-11-25T10:00:00Z%20GET%20/admin%20200&limit=5')
    expect(line).not.toContain('\n')
    expect(line).toContain('q=\\u000a2026')
  })

  it('logs only known parameters by name; misspelt position parameters and coordinate-like values never', () => {
    const line = redactedPath(
      'http://x/api/v1/places?lon=121.55323&latitude=29.88881&q=29.88881,121.5532&lat=29.888&category=clinic',
    )
    expect(line).not.toMatch(/121\.55|29\.88/)
    expect(line).not.toContain('lon')
    expect(line).not.toContain('latitude')
    expect(line).toContain('category=clinic')
    expect(line).toContain('lat=redacted')
  })
})
