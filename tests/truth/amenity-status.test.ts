import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../api/app.js'
import {
  auditCount,
  createStaff,
  createTestPlace,
  jsonRequest,
  ORG_WAITAN,
  removeTestPlaces,
  signIn,
  uniqueName,
} from '../helpers/staff.js'
import { shanghai, testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

let app: App
let editor: string
beforeAll(async () => {
  app = await testApp({ clientAddress: () => '203.0.113.77' })
  editor = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
})

const OUTAGE = { meal_heating: { status: 'out_of_order', until: '2026-12-01', reason_zh: '微波炉维修' } }
const amenityIdsAt = async (name: string, at: string, amenity: string) => {
  const res = await (await testApp({ clock: () => shanghai(at) })).request(
    `/api/v1/places?q=${encodeURIComponent(name)}&amenity=${amenity}`,
  )
  return (await res.json<{ features: { id: string }[] }>()).features.map((f) => f.id)
}
async function patch(id: string, body: unknown) {
  const etag = (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
  return app.request(`/api/v1/places/${id}`, jsonRequest('PATCH', body, { cookie: editor, ifMatch: etag }))
}

describe('amenity_status', () => {
  it('an out-of-order amenity drops the place from that amenity filter until its date, then it returns by itself', async () => {
    const name = uniqueName('设施状态站')
    const id = await createTestPlace(ORG_WAITAN, { name_zh: name })
    const before = await auditCount(id)
    const res = await patch(id, { amenity_status: OUTAGE })
    expect(res.status).toBe(200)
    const body = await res.json<{ properties: { amenity_status: unknown; amenities: string[] } }>()
    expect(body.properties.amenity_status).toEqual(OUTAGE)
    expect(body.properties.amenities).toContain('meal_heating')
    expect(await auditCount(id)).toBe(before + 1)

    expect(await amenityIdsAt(name, '2026-11-25T10:00', 'meal_heating')).toEqual([])
    expect(await amenityIdsAt(name, '2026-11-25T10:00', 'drinking_water,meal_heating')).toEqual([])
    expect(await amenityIdsAt(name, '2026-11-25T10:00', 'drinking_water')).toEqual([id])
    // Through the until-date (inclusive), back the day after, without anyone touching it.
    expect(await amenityIdsAt(name, '2026-12-01T23:59', 'meal_heating')).toEqual([])
    expect(await amenityIdsAt(name, '2026-12-02T00:00', 'meal_heating')).toEqual([id])
    const later = await (await testApp({ clock: () => shanghai('2026-12-02T09:00') })).request(`/api/v1/places/${id}`)
    expect((await later.json<{ properties: { amenity_status: unknown } }>()).properties.amenity_status).toEqual({})
  })

  it('refuses a status for an amenity the place does not have, and a malformed one', async () => {
    const id = await createTestPlace(ORG_WAITAN)
    const none = await patch(id, { amenity_status: { toilet: { status: 'out_of_order' } } })
    expect(none.status).toBe(422)
    expect((await none.json<{ errors: { field: string }[] }>()).errors[0]!.field).toBe('amenity_status.toilet')
    expect((await patch(id, { amenity_status: { meal_heating: { status: 'broken' } } })).status).toBe(422)
    expect((await patch(id, { amenity_status: { meal_heating: { status: 'out_of_order', until: '2026-02-30' } } })).status).toBe(
      422,
    )
  })

  it('staff confirming an "amenity broken" report mark the amenity out of order, audited, in one step', async () => {
    const name = uniqueName('报告确认站')
    const id = await createTestPlace(ORG_WAITAN, { name_zh: name })
    const reported = await app.request(`/api/v1/places/${id}/reports`, {
      ...jsonRequest('POST', { kind: 'amenity_broken', amenity: 'meal_heating', message: '微波炉不热' }),
    })
    const { id: reportId } = await reported.json<{ id: string }>()
    const before = await auditCount(id)
    const decided = await app.request(
      `/api/v1/reports/${reportId}`,
      jsonRequest(
        'PATCH',
        { status: 'resolved', note: '已报修', out_of_order: { until: '2026-12-01', reason_zh: '微波炉维修' } },
        { cookie: editor },
      ),
    )
    expect(decided.status).toBe(200)
    expect(await auditCount(id)).toBe(before + 1)
    expect(await amenityIdsAt(name, '2026-11-25T10:00', 'meal_heating')).toEqual([])
    const { db } = await testDatabase()
    const row = await db
      .selectFrom('place_report')
      .select(['status', 'handling_note'])
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'resolved', handling_note: '已报修' })
    // Handled already: nothing more changes.
    const again = await app.request(
      `/api/v1/reports/${reportId}`,
      jsonRequest('PATCH', { status: 'resolved', out_of_order: {} }, { cookie: editor }),
    )
    expect(again.status).toBe(409)
    expect(await auditCount(id)).toBe(before + 1)
  })
})

describe('staffed hours and access', () => {
  it('says staffed or self-service now, and carries both hours and how to get in', async () => {
    const every = (from: string, to: string) =>
      Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [[from, to]]]))
    const id = await createTestPlace(ORG_WAITAN, {
      opening_hours: { weekly: every('00:00', '24:00') },
      staffed_hours: { weekly: every('09:00', '17:00') },
      access: { method: 'scan_code', note_zh: '扫门口二维码进入', note_en: 'Scan the code at the door' },
    })
    type P = { staffing_now: string | null; access: { method: string }; staffed_hours: unknown; open_now: boolean }
    const at = async (t: string) =>
      (await (await (await testApp({ clock: () => shanghai(t) })).request(`/api/v1/places/${id}`)).json<{ properties: P }>())
        .properties
    expect((await at('2026-11-25T10:00')).staffing_now).toBe('staffed')
    const night = await at('2026-11-25T22:00')
    expect(night).toMatchObject({ open_now: true, staffing_now: 'self_service', access: { method: 'scan_code' } })
    expect(night.staffed_hours).toEqual({ weekly: every('09:00', '17:00') })
    const edited = await patch(id, { access: { method: 'key_from_counter', note_zh: '向便利店柜台借钥匙' }, staffed_hours: null })
    expect(edited.status).toBe(200)
    expect((await edited.json<{ properties: P }>()).properties).toMatchObject({
      staffing_now: null,
      access: { method: 'key_from_counter' },
    })
  })
})

describe('OGC API – Features', () => {
  it('carries staffed hours, access and the amenities out of order today', async () => {
    const id = await createTestPlace(ORG_WAITAN, {
      opening_hours: { weekly: { mo: [['08:00', '20:00']] }, holidays: 'closed' },
      staffed_hours: { weekly: { mo: [['09:00', '17:00']] } },
      access: { method: 'ask_staff' },
      amenity_status: { meal_heating: { status: 'out_of_order', until: '2026-12-01' } },
    })
    const item = async (at: string) =>
      (
        await (
          await (await testApp({ clock: () => shanghai(at) })).request(`/ogc/collections/places/items/${id}`)
        ).json<{
          properties: Record<string, unknown>
        }>()
      ).properties
    expect(await item('2026-11-25T10:00')).toMatchObject({
      opening_hours: 'Mo 08:00-20:00; PH off',
      staffed_hours: 'Mo 09:00-17:00',
      access_method: 'ask_staff',
      amenities_out_of_order: 'meal_heating',
    })
    expect(await item('2026-12-02T10:00')).toMatchObject({ amenities_out_of_order: '', amenity_status: null })
  })
})

describe('taking a facility off a place', () => {
  it('drops its out-of-order entry too, in the same audited change', async () => {
    const id = await createTestPlace(ORG_WAITAN, { amenity_status: OUTAGE })
    const res = await patch(id, { amenities: ['drinking_water'] })
    expect(res.status).toBe(200)
    expect((await res.json<{ properties: { amenity_status: unknown } }>()).properties.amenity_status).toEqual({})
    const { db } = await testDatabase()
    const audit = await db
      .selectFrom('place_audit')
      .select('changes')
      .where('place_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(Object.keys(audit.changes).sort()).toEqual(['amenities', 'amenity_status'])
  })
})
