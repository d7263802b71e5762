import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../api/app.js'
import { mergeEdit } from '../../api/lib/place-merge.js'
import {
  auditCount,
  createStaff,
  createTestPlace,
  jsonRequest,
  ORG_WAITAN,
  placeRow,
  removeTestPlaces,
  signIn,
} from '../helpers/staff.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

let app: App
let editor: string
beforeAll(async () => {
  app = await testApp()
  editor = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
})

const etagOf = async (id: string) => (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
const patch = (id: string, body: unknown, ifMatch: string) =>
  app.request(`/api/v1/places/${id}`, jsonRequest('PATCH', body, { cookie: editor, ifMatch }))

interface Conflict412 {
  conflicts: { field: string; base: unknown; base_known: boolean; current: unknown; yours: unknown }[]
  current_version: number
  current: { properties: Record<string, unknown> }
}

describe('mergeEdit (field-wise three-way merge)', () => {
  const current = { version: 3, phone: '2', status: 'open', amenities: ['wifi', 'toilet'] }
  const history = [
    { version: 2, changes: { phone: { before: '0', after: '1' } } },
    { version: 3, changes: { phone: { before: '1', after: '2' }, amenities: { before: ['wifi'], after: ['wifi', 'toilet'] } } },
  ]
  it('writes a field nobody changed since the base', () => {
    expect(mergeEdit({ baseVersion: 1, current, fields: { status: 'closed' }, history })).toEqual({
      changes: { status: { before: 'open', after: 'closed' } },
      conflicts: [],
    })
  })
  it('reports a field changed since the base with the value at the base (the first later before)', () => {
    expect(mergeEdit({ baseVersion: 1, current, fields: { phone: '9', status: 'closed' }, history })).toEqual({
      changes: {},
      conflicts: [{ field: 'phone', base: '0', base_known: true, current: '2', yours: '9' }],
    })
    expect(mergeEdit({ baseVersion: 2, current, fields: { phone: '9' }, history }).conflicts[0]!.base).toBe('1')
  })
  it('is no conflict when both made the same change', () => {
    expect(mergeEdit({ baseVersion: 1, current, fields: { phone: '2' }, history })).toEqual({ changes: {}, conflicts: [] })
  })
  it('merges amenities member by member', () => {
    const merged = mergeEdit({ baseVersion: 2, current, fields: { amenities: ['drinking_water'] }, history })
    expect(merged.changes.amenities!.after).toEqual(['toilet', 'drinking_water'])
  })
  it('does not guess when the history has a gap: every differing field conflicts, base unknown', () => {
    const gap = [history[1]!]
    expect(mergeEdit({ baseVersion: 1, current, fields: { status: 'closed', phone: '2' }, history: gap })).toEqual({
      changes: {},
      conflicts: [{ field: 'status', base: null, base_known: false, current: 'open', yours: 'closed' }],
    })
  })
})

describe('PATCH /api/v1/places/:id on an older version', () => {
  it('applies an edit of other fields, keeps both changes, and audits each', async () => {
    const id = await createTestPlace()
    const v1 = await etagOf(id)
    const a = await patch(id, { status: 'temporarily_closed', status_reason: '装修，12月1日恢复' }, v1)
    expect(a.status).toBe(200)
    const b = await patch(id, { amenities: ['drinking_water', 'meal_heating', 'toilet'] }, v1)
    expect(b.status).toBe(200)
    expect(b.headers.get('etag')).toMatch(new RegExp(`^"${id}\\.v3\\.`))
    expect(await placeRow(id)).toMatchObject({
      status: 'temporarily_closed',
      status_reason: '装修，12月1日恢复',
      amenities: ['drinking_water', 'meal_heating', 'toilet'],
      version: 3,
    })
    expect(await auditCount(id)).toBe(2)
  })

  it('answers 412 with base, current and yours for a field changed since, and writes nothing', async () => {
    const id = await createTestPlace()
    const v1 = await etagOf(id)
    expect((await patch(id, { status: 'temporarily_closed', status_reason: '停电' }, v1)).status).toBe(200)
    const res = await patch(id, { status: 'closed', phone: '0574-1' }, v1)
    expect(res.status).toBe(412)
    expect(res.headers.get('etag')).toMatch(new RegExp(`^"${id}\\.v2\\.`))
    const body = await res.json<Conflict412>()
    expect(body.conflicts).toEqual([
      { field: 'status', base: 'open', base_known: true, current: 'temporarily_closed', yours: 'closed' },
    ])
    expect(body.current_version).toBe(2)
    expect(body.current.properties.status_reason).toBe('停电')
    expect(await placeRow(id)).toMatchObject({ phone: null, version: 2 })
    // "Keep mine": the same fields again with the current ETag.
    const keep = await patch(id, { status: 'closed', phone: '0574-1' }, res.headers.get('etag')!)
    expect(keep.status).toBe(200)
    expect(await placeRow(id)).toMatchObject({ status: 'closed', status_reason: '停电', phone: '0574-1', version: 3 })
  })

  it('treats every differing field as a conflict when versions were made without an audit entry', async () => {
    const id = await createTestPlace()
    const v1 = await etagOf(id)
    const { db } = await testDatabase()
    await db.updateTable('place').set({ version: 2, status_reason: '无记录的修改' }).where('id', '=', id).execute()
    const res = await patch(id, { phone: '0574-2' }, v1)
    expect(res.status).toBe(412)
    expect((await res.json<Conflict412>()).conflicts).toEqual([
      { field: 'phone', base: null, base_known: false, current: null, yours: '0574-2' },
    ])
  })

  it('lets parallel edits of different fields made on one version all land, one audit row each', async () => {
    const id = await createTestPlace()
    const v1 = await etagOf(id)
    const bodies = [
      { phone: '0574-3' },
      { description_zh: '新简介' },
      { description_en: 'New description' },
      { status: 'temporarily_closed' },
      { opening_hours: { weekly: { sa: [['09:00', '12:00']] } } },
    ]
    const statuses = await Promise.all(bodies.map(async (body) => (await patch(id, body, v1)).status))
    expect(statuses).toEqual([200, 200, 200, 200, 200])
    expect(await placeRow(id)).toMatchObject({
      phone: '0574-3',
      description_zh: '新简介',
      description_en: 'New description',
      status: 'temporarily_closed',
      opening_hours: { weekly: { sa: [['09:00', '12:00']] } },
      version: 6,
    })
    expect(await auditCount(id)).toBe(5)
  })
})
