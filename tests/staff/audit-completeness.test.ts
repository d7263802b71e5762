/**
 * Every change on record: each write route the app serves (every method but GET/HEAD, read from Hono's
 * `app.routes`), and the command-line import, is driven once and must leave an audit row. A write route this test
 * does not know fails it, so a new one cannot ship unaudited; the exemptions below say why they have none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../api/app.js'
import { runImport } from '../../api/import/run-import.js'
import {
  createStaff,
  createTestPlace,
  jsonRequest,
  ORG_WAITAN,
  removeTestPlaces,
  signIn,
  trackPlace,
  uniqueName,
} from '../helpers/staff.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)
afterAll(async () => {
  const { db } = await testDatabase()
  await db.deleteFrom('holiday_calendar').where('date', '>=', '2031-01-01').where('date', '<=', '2032-12-31').execute()
})

/** Writes with no audit row, and why. */
const EXEMPT: Record<string, string> = {
  'POST /api/v1/session': 'signing in changes no data people rely on (a session row and rate-limit counters)',
  'DELETE /api/v1/session': 'signing out only revokes the session',
  'POST /api/v1/places/:id/reports':
    'the anonymous report is itself an append-only record (the report row); it has no actor to name, and deciding it is audited',
  'POST /api/v1/places/:id/confirmations':
    'an anonymous one-tap confirmation is itself an append-only record (the confirmation row); it has no actor to name',
}

let app: App
let admin: string
let adminId: string
beforeAll(async () => {
  app = await testApp()
  const account = await createStaff('admin')
  adminId = account.id
  admin = await signIn(app, account.username)
})

async function auditRows(): Promise<number> {
  const { db } = await testDatabase()
  const count = async (table: 'place_audit' | 'staff_audit') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return (await count('place_audit')) + (await count('staff_audit'))
}

const etagOf = async (id: string) => (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const request = jsonRequest(method, body, { cookie: admin })
  return app.request(path, { ...request, headers: { ...(request.headers as Record<string, string>), ...headers } })
}

async function openReport(placeId: string): Promise<string> {
  const res = await app.request(`/api/v1/places/${placeId}/reports`, jsonRequest('POST', { kind: 'other', message: '审计' }))
  return (await res.json<{ id: string }>()).id
}

/** One successful request per write route. */
const DRIVERS: Record<string, () => Promise<Response>> = {
  'POST /api/v1/places': async () => {
    const res = await send('POST', '/api/v1/places', {
      category: 'caring_station',
      name_zh: '审计新建',
      location: [121.55, 29.88],
    })
    trackPlace((await res.clone().json<{ id: string }>()).id)
    return res
  },
  'PATCH /api/v1/places/:id': async () => {
    const id = await createTestPlace(ORG_WAITAN)
    return send('PATCH', `/api/v1/places/${id}`, { phone: '0574-9' }, { 'If-Match': await etagOf(id) })
  },
  'POST /api/v1/places/:id/verify': async () => send('POST', `/api/v1/places/${await createTestPlace(ORG_WAITAN)}/verify`),
  'DELETE /api/v1/places/:id': async () => send('DELETE', `/api/v1/places/${await createTestPlace(ORG_WAITAN)}`),
  'POST /api/v1/places/:id/restore': async () => {
    const id = await createTestPlace(ORG_WAITAN)
    await send('DELETE', `/api/v1/places/${id}`)
    return send('POST', `/api/v1/places/${id}/restore`)
  },
  'PATCH /api/v1/reports/:id': async () =>
    send('PATCH', `/api/v1/reports/${await openReport(await createTestPlace(ORG_WAITAN))}`, {
      status: 'resolved',
      note: '已处理',
    }),
  'POST /api/v1/staff/accounts': async () =>
    send('POST', '/api/v1/staff/accounts', {
      username: uniqueName('audited').toLowerCase(),
      role: 'editor',
      password: 'correct horse battery',
      organisations: [ORG_WAITAN],
    }),
  'PATCH /api/v1/staff/accounts/:id': async () => {
    const { id } = await createStaff('editor', [ORG_WAITAN])
    return send('PATCH', `/api/v1/staff/accounts/${id}`, { organisations: [], role: 'admin' })
  },
  'PUT /api/v1/holidays/:year': async () =>
    send('PUT', '/api/v1/holidays/2031', {
      days: [{ date: '2031-10-01', kind: 'holiday', name_zh: '国庆节', name_en: 'National Day' }],
    }),
  'POST /api/v1/holidays/import': async () =>
    app.request('/api/v1/holidays/import', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Cookie: admin, Origin: 'http://localhost' },
      body: `date,kind,name_zh,name_en\n2032-01-01,holiday,元旦,New Year's Day\n`,
    }),
  'POST /api/v1/import': async () => {
    const externalId = uniqueName('AUD')
    const res = await app.request('/api/v1/import', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Cookie: admin, Origin: 'http://localhost' },
      body: `外部编号,名称,类别,经度,纬度\n${externalId},审计导入,爱心驿站,121.55,29.88\n`,
    })
    const { db } = await testDatabase()
    const row = await db.selectFrom('place').select('id').where('external_id', '=', externalId).executeTakeFirst()
    if (row) trackPlace(row.id)
    return res
  },
}

describe('every change on record', () => {
  it('knows every write route the app serves (a new one must be driven here or exempted with a reason)', () => {
    const writes = [
      ...new Set(app.routes.filter((r) => !['GET', 'HEAD', 'ALL'].includes(r.method)).map((r) => `${r.method} ${r.path}`)),
    ]
    expect(writes.length).toBeGreaterThan(8)
    expect(writes.filter((route) => !(route in DRIVERS) && !(route in EXEMPT))).toEqual([])
    // And nothing listed here that the app no longer serves.
    expect([...Object.keys(DRIVERS), ...Object.keys(EXEMPT)].filter((route) => !writes.includes(route))).toEqual([])
  })

  for (const route of Object.keys(DRIVERS))
    it(`${route} leaves an audit row`, async () => {
      const before = await auditRows()
      const res = await DRIVERS[route]!()
      expect(res.status, `${route}: ${await res.clone().text()}`).toBeLessThan(300)
      expect(await auditRows()).toBeGreaterThan(before)
    })

  it('the command-line import (runImport) leaves an audit row per written place', async () => {
    const { db } = await testDatabase()
    const externalId = uniqueName('AUD-CLI')
    const before = await auditRows()
    const report = await runImport(db, `外部编号,名称,类别,经度,纬度\n${externalId},命令行导入,爱心驿站,121.55,29.88\n`, {
      format: 'csv',
      source: 'import:test',
      actor: { accountId: null, username: 'import:test' },
      now: new Date(),
    })
    const row = await db.selectFrom('place').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow()
    trackPlace(row.id)
    expect(report.inserted).toBe(1)
    expect(await auditRows()).toBe(before + 1)
  })

  it('records who changed an account and how, never the password', async () => {
    const { id } = await createStaff('editor', [ORG_WAITAN])
    await send('PATCH', `/api/v1/staff/accounts/${id}`, { password: 'another long password', disabled: true })
    const { db } = await testDatabase()
    const entry = await db
      .selectFrom('staff_audit')
      .select(['account_id', 'action', 'changes'])
      .where('subject', '=', `account:${id}`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect({ ...entry, account_id: String(entry.account_id) }).toEqual({
      account_id: adminId,
      action: 'account_change',
      changes: { disabled: { before: false, after: true }, password_reset: { before: false, after: true } },
    })
    expect(JSON.stringify(entry)).not.toContain('another long password')
  })
})
