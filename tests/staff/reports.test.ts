import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../api/app.js'
import { createStaff, createTestPlace, jsonRequest, ORG_MOBILE, ORG_WAITAN, removeTestPlaces, signIn } from '../helpers/staff.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

let app: App
let editor: string
let otherEditor: string
let admin: string
beforeAll(async () => {
  app = await testApp({ clientAddress: (c) => c.req.header('x-test-client') ?? '203.0.113.9' })
  editor = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
  otherEditor = await signIn(app, (await createStaff('editor', [ORG_MOBILE])).username)
  admin = await signIn(app, (await createStaff('admin')).username)
})

const report = (placeId: string, body: unknown, client = `c-${Math.random()}`) =>
  app.request(`/api/v1/places/${placeId}/reports`, {
    ...jsonRequest('POST', body),
    headers: { 'Content-Type': 'application/json', 'X-Test-Client': client },
  })
type Inbox = {
  reports: {
    id: string
    place_id: string
    kind: string
    amenity: string | null
    message: string
    status: string
    handling_note: string | null
  }[]
}
const inbox = async (cookie: string, query = '') =>
  await (await app.request(`/api/v1/reports${query}`, { headers: { Cookie: cookie } })).json<Inbox>()

describe('POST /api/v1/places/:id/reports', () => {
  it('takes a report without an account and stores the message exactly as given, nothing about the reporter', async () => {
    const id = await createTestPlace(ORG_WAITAN)
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)> 热饭机坏了'
    const res = await report(id, { kind: 'amenity_broken', amenity: 'meal_heating', message: payload })
    expect(res.status).toBe(201)
    const { id: reportId } = await res.json<{ id: string }>()
    const { db } = await testDatabase()
    const row = await db.selectFrom('place_report').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow()
    expect(row.message).toBe(payload)
    expect(Object.keys(row).sort()).toEqual([
      'amenity',
      'created_at',
      'handled_at',
      'handled_by',
      'handling_note',
      'id',
      'kind',
      'message',
      'place_id',
      'status',
    ])
    const keys = await db.selectFrom('rate_limit').select('key').where('bucket', '=', 'report_client').execute()
    expect(keys.map((k) => k.key).join()).not.toContain('203.0.113')
  })

  it('refuses bad reports with field errors', async () => {
    const id = await createTestPlace(ORG_WAITAN)
    const cases: [unknown, string][] = [
      [{ kind: 'amenity_broken' }, 'amenity'],
      [{ kind: 'amenity_broken', amenity: 'jacuzzi' }, 'amenity'],
      [{ kind: 'closed', amenity: 'wifi' }, 'amenity'],
      [{ kind: 'haunted' }, 'kind'],
      [{ kind: 'other', message: 'x'.repeat(501) }, 'message'],
      [{ kind: 'other', message: 7 }, 'message'],
      [{ kind: 'closed', lat: 29.9, lng: 121.5 }, '(root)'],
    ]
    for (const [body, field] of cases) {
      const res = await report(id, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect((await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toContain(field)
    }
    expect((await report('no-such-place', { kind: 'closed' })).status).toBe(404)
  })

  it('limits one client to 10 reports an hour', async () => {
    const id = await createTestPlace(ORG_WAITAN)
    const client = `busy-${Date.now()}`
    for (let i = 0; i < 10; i++) expect((await report(id, { kind: 'closed' }, client)).status).toBe(201)
    const limited = await report(id, { kind: 'closed' }, client)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
    expect((await report(id, { kind: 'closed' }, `${client}-b`)).status).toBe(201)
  })
})

describe('the report inbox', () => {
  it('shows editors the reports of their places only, admins all; resolve and dismiss with a note', async () => {
    const mine = await createTestPlace(ORG_WAITAN)
    const theirs = await createTestPlace(ORG_MOBILE)
    const a = (await (await report(mine, { kind: 'wrong_hours', message: '周日不开' })).json<{ id: string }>()).id
    const b = (await (await report(theirs, { kind: 'closed' })).json<{ id: string }>()).id
    const editorIds = (await inbox(editor)).reports.map((r) => r.id)
    expect(editorIds).toContain(a)
    expect(editorIds).not.toContain(b)
    const adminIds = (await inbox(admin)).reports.map((r) => r.id)
    expect(adminIds).toEqual(expect.arrayContaining([a, b]))
    expect(
      (
        await app.request(
          `/api/v1/reports/${a}`,
          jsonRequest('PATCH', { status: 'resolved', note: '已更新时间' }, { cookie: otherEditor }),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await app.request(
          `/api/v1/reports/${a}`,
          jsonRequest('PATCH', { status: 'resolved', note: '已更新时间' }, { cookie: editor }),
        )
      ).status,
    ).toBe(200)
    expect(
      (await app.request(`/api/v1/reports/${a}`, jsonRequest('PATCH', { status: 'dismissed' }, { cookie: editor }))).status,
    ).toBe(409)
    expect((await inbox(editor)).reports.map((r) => r.id)).not.toContain(a)
    const resolved = (await inbox(editor, `?status=resolved&place=${mine}`)).reports
    expect(resolved).toMatchObject([{ id: a, status: 'resolved', handling_note: '已更新时间' }])
    expect(
      (
        await app.request(
          `/api/v1/reports/${b}`,
          jsonRequest('PATCH', { status: 'dismissed', note: 'duplicate' }, { cookie: admin }),
        )
      ).status,
    ).toBe(200)
    expect((await app.request('/api/v1/reports')).status).toBe(401)
  })
})
