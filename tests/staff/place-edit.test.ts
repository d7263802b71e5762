import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../api/app.js'
import {
  auditCount,
  createStaff,
  createTestPlace,
  jsonRequest,
  ORG_WAITAN,
  placeRow,
  removeTestPlaces,
  signIn,
  trackPlace,
} from '../helpers/staff.js'
import { shanghai, testApp } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

let app: App
let editor: string
let admin: string
beforeAll(async () => {
  app = await testApp()
  editor = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
  admin = await signIn(app, (await createStaff('admin')).username)
})

const etagOf = async (id: string) => (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
const patch = async (id: string, body: unknown, ifMatch?: string, cookie = editor) =>
  app.request(`/api/v1/places/${id}`, jsonRequest('PATCH', body, { cookie, ...(ifMatch ? { ifMatch } : {}) }))

describe('PATCH /api/v1/places/:id', () => {
  it('updates amenities, hours, status and details and records before/after per field', async () => {
    const id = await createTestPlace()
    const hours = {
      weekly: {
        mo: [
          ['08:00', '12:00'],
          ['14:00', '20:00'],
        ],
        fr: [['22:00', '26:00']],
      },
      exceptions: [{ date: '2026-12-01', intervals: [] }],
    }
    const res = await patch(
      id,
      {
        amenities: ['drinking_water'],
        opening_hours: hours,
        status: 'temporarily_closed',
        status_reason: '热饭设备维修',
        status_until: '2026-12-10',
        details: { host_kind: 'shop', capacity: 8 },
      },
      await etagOf(id),
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toMatch(new RegExp(`^"${id}\\.v2\\.`))
    const body = await res.json<{ properties: Record<string, unknown> }>()
    expect(body.properties).toMatchObject({
      amenities: ['drinking_water'],
      status: 'temporarily_closed',
      open_now: false,
      status_until: '2026-12-10',
      details: { host_kind: 'shop', capacity: 8 },
    })
    const history = await (await app.request(`/api/v1/places/${id}/history`, { headers: { Cookie: editor } })).json<{
      entries: { action: string; changes: Record<string, { before: unknown; after: unknown }> }[]
    }>()
    expect(history.entries[0]!.action).toBe('update')
    expect(history.entries[0]!.changes.amenities).toEqual({
      before: ['drinking_water', 'meal_heating'],
      after: ['drinking_water'],
    })
    expect(history.entries[0]!.changes.status).toEqual({ before: 'open', after: 'temporarily_closed' })
  })

  it('shows the change on the public API at once, and setting it open again clears the reason', async () => {
    const id = await createTestPlace()
    await patch(id, { status: 'temporarily_closed', status_reason: '停电' }, await etagOf(id))
    const list = await (await app.request(`/api/v1/places?q=${encodeURIComponent('测试爱心驿站')}&limit=200`)).json<{
      features: { id: string; properties: { status: string } }[]
    }>()
    expect(list.features.find((f) => f.id === id)?.properties.status).toBe('temporarily_closed')
    expect((await patch(id, { status: 'open' }, await etagOf(id))).status).toBe(200)
    expect(await placeRow(id)).toMatchObject({ status: 'open', status_reason: null, status_until: null })
  })

  it('needs If-Match (428) and refuses a stale one (412), comparing only the version part', async () => {
    const id = await createTestPlace()
    expect((await patch(id, { phone: '123' })).status).toBe(428)
    expect((await patch(id, { phone: '123' }, '*')).status).toBe(428)
    const morning = await etagOf(id)
    // The same version read on another day (different ETag suffix) is still current.
    const tomorrowApp = await testApp({ clock: () => shanghai('2026-11-26T21:00') })
    const tomorrowEtag = (await tomorrowApp.request(`/api/v1/places/${id}`)).headers.get('etag')!
    expect(tomorrowEtag).not.toBe(morning)
    expect((await patch(id, { phone: '111' }, tomorrowEtag)).status).toBe(200)
    expect((await patch(id, { phone: '222' }, morning)).status).toBe(412)
    expect((await placeRow(id)).phone).toBe('111')
  })

  it('answers 200 without a new version when nothing changes', async () => {
    const id = await createTestPlace()
    const res = await patch(id, { amenities: ['meal_heating', 'drinking_water'] }, await etagOf(id))
    expect(res.status).toBe(200)
    expect((await placeRow(id)).version).toBe(1)
    expect(await auditCount(id)).toBe(0)
  })

  it('refuses bad input with 400/413/415/422 and field errors, and changes nothing', async () => {
    const id = await createTestPlace()
    const etag = await etagOf(id)
    const cases: [unknown, number, string?][] = [
      ['{"amenities": [', 400],
      [{ amenities: 'wifi' }, 422, 'amenities'],
      [{ amenities: ['jacuzzi'] }, 422, 'amenities.0'],
      [{ opening_hours: { weekly: { mo: [['20:00', '08:00']] } } }, 422, 'opening_hours.weekly.mo.0'],
      [{ opening_hours: { weekly: { xx: [['08:00', '20:00']] } } }, 422, 'opening_hours.weekly'],
      [{ opening_hours: { weekly: { mo: [['25:00', '26:00']] } } }, 422, 'opening_hours.weekly.mo.0.0'],
      [{ status: 'gone' }, 422, 'status'],
      [{ status_until: '2026-02-30' }, 422, 'status_until'],
      [{ phone: 42 }, 422, 'phone'],
      [{ details: { host_kind: 'castle' } }, 422, 'details.host_kind'],
      [{ version: 99 }, 422],
      [{}, 422],
      [[], 422],
      [null, 422],
      [{ description_zh: 'x'.repeat(2001) }, 422, 'description_zh'],
    ]
    for (const [body, status, field] of cases) {
      const res = await patch(id, body, etag)
      expect(res.status, JSON.stringify(body)).toBe(status)
      const problem = await res.json<{ errors?: { field: string }[] }>()
      if (field) expect(problem.errors?.map((e) => e.field)).toContain(field)
    }
    const huge = await app.request(
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', JSON.stringify({ description_zh: 'x'.repeat(1_100_000) }), { cookie: editor, ifMatch: etag }),
    )
    expect(huge.status).toBe(413)
    expect(huge.headers.get('content-type')).toMatch(/problem\+json/)
    const plain = await app.request(`/api/v1/places/${id}`, {
      method: 'PATCH',
      headers: { Cookie: editor, 'If-Match': etag, 'Content-Type': 'text/plain' },
      body: '{}',
    })
    expect(plain.status).toBe(415)
    expect((await placeRow(id)).version).toBe(1)
    expect(await auditCount(id)).toBe(0)
  })

  it('keeps name, address, organisation and position for administrators', async () => {
    const id = await createTestPlace()
    const res = await patch(id, { name_zh: '改名' }, await etagOf(id))
    expect(res.status).toBe(403)
    const moved = await patch(id, { location: [121.57, 29.91] }, await etagOf(id), admin)
    expect(moved.status).toBe(200)
    expect((await moved.json<{ geometry: { coordinates: number[] } }>()).geometry.coordinates).toEqual([121.57, 29.91])
    const history = await (await app.request(`/api/v1/places/${id}/history`, { headers: { Cookie: admin } })).json<{
      entries: { action: string }[]
    }>()
    expect(history.entries[0]!.action).toBe('move')
  })
})

describe('POST /api/v1/places/:id/verify', () => {
  it('stamps last_verified_at and audits it', async () => {
    const id = await createTestPlace()
    const res = await app.request(`/api/v1/places/${id}/verify`, jsonRequest('POST', undefined, { cookie: editor }))
    expect(res.status).toBe(200)
    expect((await res.json<{ properties: { last_verified_at: string } }>()).properties.last_verified_at).toBe(
      shanghai('2026-11-25T10:00').toISOString(),
    )
    expect(await auditCount(id)).toBe(1)
  })
})

describe('admin place lifecycle', () => {
  it('creates a place at a chosen position, soft-deletes it (gone from the public API) and restores it', async () => {
    const name = `新建驿站${Date.now()}`
    const created = await app.request(
      '/api/v1/places',
      jsonRequest(
        'POST',
        {
          category: 'caring_station',
          name_zh: name,
          location: [121.561, 29.892],
          organisation_id: ORG_WAITAN,
          amenities: ['wifi'],
        },
        { cookie: admin },
      ),
    )
    expect(created.status).toBe(201)
    const id = (await created.json<{ id: string }>()).id
    trackPlace(id)
    expect(created.headers.get('location')).toBe(`/api/v1/places/${id}`)
    expect(id).toMatch(/^cs-[0-9a-f]{10}$/)
    expect((await app.request(`/api/v1/places/${id}`, jsonRequest('DELETE', undefined, { cookie: admin }))).status).toBe(204)
    expect((await app.request(`/api/v1/places/${id}`)).status).toBe(404)
    const search = async () =>
      (await (await app.request(`/api/v1/places?q=${encodeURIComponent(name)}`)).json<{ features: { id: string }[] }>()).features
    expect(await search()).toEqual([])
    expect((await patch(id, { phone: '1' }, `"${id}.v2.20261125u"`, admin)).status).toBe(404)
    expect((await app.request(`/api/v1/places/${id}/restore`, jsonRequest('POST', undefined, { cookie: admin }))).status).toBe(
      200,
    )
    expect((await app.request(`/api/v1/places/${id}`)).status).toBe(200)
    expect((await search()).map((f) => f.id)).toEqual([id])
    const history = await (await app.request(`/api/v1/places/${id}/history`, { headers: { Cookie: admin } })).json<{
      entries: { action: string }[]
    }>()
    expect(history.entries.map((e) => e.action)).toEqual(['restore', 'delete', 'create'])
  })

  it('refuses a category-invalid new place with 422', async () => {
    const res = await app.request(
      '/api/v1/places',
      jsonRequest(
        'POST',
        { category: 'clinic', name_zh: '诊所', location: [121.5, 29.9], details: { clinic_type: 'spa' } },
        { cookie: admin },
      ),
    )
    expect(res.status).toBe(422)
  })
})
