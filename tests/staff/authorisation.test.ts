import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../api/app.js'
import {
  auditCount,
  createStaff,
  createTestPlace,
  jsonRequest,
  ORG_MOBILE,
  ORG_WAITAN,
  placeRow,
  signIn,
  removeTestPlaces,
  trackPlace,
  uniqueName,
} from '../helpers/staff.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

type Who = 'anonymous' | 'editor of another organisation' | 'editor of this organisation' | 'admin'
const WHO: Who[] = ['anonymous', 'editor of another organisation', 'editor of this organisation', 'admin']

let app: App
const cookies: Partial<Record<Who, string>> = {}

beforeAll(async () => {
  app = await testApp()
  cookies['editor of another organisation'] = await signIn(app, (await createStaff('editor', [ORG_MOBILE])).username)
  cookies['editor of this organisation'] = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
  cookies.admin = await signIn(app, (await createStaff('admin')).username)
})

async function etagOf(id: string) {
  return (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
}

async function openReport(placeId: string) {
  const res = await app.request(
    `/api/v1/places/${placeId}/reports`,
    jsonRequest('POST', { kind: 'wrong_hours', message: 'opens later' }),
  )
  return (await res.json<{ id: string }>()).id
}

const trackedId = (prefix: string) => {
  const id = uniqueName(prefix)
  trackPlace(id)
  return id
}

/** Each case gets a fresh place of ORG_WAITAN and returns the request to make on it. */
interface Case {
  route: string
  expected: Record<Who, number>
  /** Async only where the request needs something first (the place's ETag). */
  request(placeId: string, cookie: string | undefined): [string, RequestInit] | Promise<[string, RequestInit]>
  prepare?(placeId: string): Promise<void>
}
const EDITORS = { anonymous: 401, 'editor of another organisation': 403, 'editor of this organisation': 200, admin: 200 }
const ADMINS = (ok: number) => ({
  anonymous: 401,
  'editor of another organisation': 403,
  'editor of this organisation': 403,
  admin: ok,
})

const CASES: Case[] = [
  {
    route: 'PATCH /api/v1/places/:id',
    expected: EDITORS,
    request: async (id, cookie) => [
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', { status: 'temporarily_closed', status_reason: '装修' }, { cookie, ifMatch: await etagOf(id) }),
    ],
  },
  {
    route: 'PATCH /api/v1/places/:id (move)',
    expected: ADMINS(200),
    request: async (id, cookie) => [
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', { location: [121.56, 29.9] }, { cookie, ifMatch: await etagOf(id) }),
    ],
  },
  {
    route: 'POST /api/v1/places/:id/verify',
    expected: EDITORS,
    request: (id, cookie) => [`/api/v1/places/${id}/verify`, jsonRequest('POST', undefined, { cookie })],
  },
  {
    route: 'DELETE /api/v1/places/:id',
    expected: ADMINS(204),
    request: (id, cookie) => [`/api/v1/places/${id}`, jsonRequest('DELETE', undefined, { cookie })],
  },
  {
    route: 'POST /api/v1/places/:id/restore',
    expected: ADMINS(200),
    prepare: async (id) => {
      await (await testDatabase()).db.updateTable('place').set({ deleted_at: new Date() }).where('id', '=', id).execute()
    },
    request: (id, cookie) => [`/api/v1/places/${id}/restore`, jsonRequest('POST', undefined, { cookie })],
  },
  {
    route: 'POST /api/v1/places',
    expected: ADMINS(201),
    request: (_id, cookie) => [
      '/api/v1/places',
      jsonRequest(
        'POST',
        {
          id: trackedId('cs-new'),
          category: 'caring_station',
          name_zh: '新驿站',
          location: [121.55, 29.89],
          organisation_id: ORG_WAITAN,
        },
        { cookie },
      ),
    ],
  },
  {
    route: 'GET /api/v1/places/:id/history',
    expected: EDITORS,
    request: (id, cookie) => [`/api/v1/places/${id}/history`, { headers: cookie ? { Cookie: cookie } : {} }],
  },
  {
    route: 'PATCH /api/v1/reports/:id',
    expected: EDITORS,
    request: async (id, cookie) => [
      `/api/v1/reports/${await openReport(id)}`,
      jsonRequest('PATCH', { status: 'resolved', note: '已修好' }, { cookie }),
    ],
  },
  {
    route: 'POST /api/v1/staff/accounts',
    expected: ADMINS(201),
    request: (_id, cookie) => [
      '/api/v1/staff/accounts',
      jsonRequest(
        'POST',
        { username: uniqueName('new'), role: 'editor', password: 'a long password', organisations: [ORG_WAITAN] },
        { cookie },
      ),
    ],
  },
]

async function snapshot(placeId: string) {
  const { db } = await testDatabase()
  const reports = await db.selectFrom('place_report').select(['id', 'status']).where('place_id', '=', placeId).execute()
  const accounts = await db
    .selectFrom('staff_account')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  const places = await db
    .selectFrom('place')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return { place: await placeRow(placeId), audit: await auditCount(placeId), reports, accounts: accounts.n, places: places.n }
}

describe('authorisation of every staff route', () => {
  for (const c of CASES)
    for (const who of WHO)
      it(`${c.route} as ${who} → ${c.expected[who]}`, async () => {
        const placeId = await createTestPlace(ORG_WAITAN)
        await c.prepare?.(placeId)
        const [url, init] = await c.request(placeId, cookies[who])
        const before = await snapshot(placeId)
        const res = await app.request(url, init)
        expect(res.status, await res.clone().text()).toBe(c.expected[who])
        if (res.status >= 400) {
          expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
          expect(await snapshot(placeId)).toEqual(before)
        }
      })
})

describe('GET /api/v1/staff/accounts', () => {
  it('is for administrators only', async () => {
    expect((await app.request('/api/v1/staff/accounts')).status).toBe(401)
    expect(
      (await app.request('/api/v1/staff/accounts', { headers: { Cookie: cookies['editor of this organisation']! } })).status,
    ).toBe(403)
    expect((await app.request('/api/v1/staff/accounts', { headers: { Cookie: cookies.admin! } })).status).toBe(200)
  })
})
