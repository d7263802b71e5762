import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, createTestPlace, jsonRequest, ORG_WAITAN, removeTestPlaces, signIn, uniqueName } from '../helpers/staff.js'
import { shanghai, testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

/** Every test runs on its own fixed clock, and each request comes from its own (test) address unless told. */
const appAt = (at: string) =>
  testApp({
    clock: () => shanghai(at),
    clientAddress: (c) => c.req.header('x-test-client') ?? `198.51.100.${Math.floor(Math.random() * 250)}`,
  })
const confirm = async (id: string, at: string, body: unknown, client?: string) =>
  (await appAt(at)).request(`/api/v1/places/${id}/confirmations`, {
    ...jsonRequest('POST', body),
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost', ...(client ? { 'X-Test-Client': client } : {}) },
  })
type Summary = { open: { count: number; last_at: string | null }; closed: { count: number; last_at: string | null } }
type Props = { open_now: boolean | null; likely_closed: boolean; confirmations: Summary | null }
const detailAt = async (id: string, at: string) =>
  (await (await (await appAt(at)).request(`/api/v1/places/${id}`)).json<{ properties: Props }>()).properties
const openNowIdsAt = async (name: string, at: string) => {
  const res = await (await appAt(at)).request(`/api/v1/places?q=${encodeURIComponent(name)}&open_now=true`)
  return (await res.json<{ features: { id: string; properties: Props }[] }>()).features.map((f) => f.id)
}
/** Open every day 08:00–20:00. */
async function station() {
  const every = [['08:00', '20:00']]
  const name = uniqueName('确认测试站')
  const weekly = Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, every]))
  const id = await createTestPlace(ORG_WAITAN, { name_zh: name, opening_hours: { weekly } })
  return { id, name }
}

describe('POST /api/v1/places/:id/confirmations', () => {
  it('summarises confirmations on the detail and the list: counts and the newest time', async () => {
    const { id, name } = await station()
    for (const at of ['2026-11-25T09:40', '2026-11-25T09:45', '2026-11-25T09:48'])
      expect((await confirm(id, at, { kind: 'open' })).status).toBe(201)
    const p = await detailAt(id, '2026-11-25T10:00')
    expect(p.confirmations).toEqual({
      open: { count: 3, last_at: shanghai('2026-11-25T09:48').toISOString() },
      closed: { count: 0, last_at: null },
      amenity_broken: [],
    })
    expect(p.likely_closed).toBe(false)
    const list = await (await appAt('2026-11-25T10:00')).request(`/api/v1/places?q=${encodeURIComponent(name)}`)
    const [feature] = (await list.json<{ features: { properties: Props }[] }>()).features
    expect(feature!.properties.confirmations!.open.count).toBe(3)
  })

  it('"closed" outweighing "open" marks the place likely closed and drops it from open_now, until it fades', async () => {
    const { id, name } = await station()
    await confirm(id, '2026-11-25T09:00', { kind: 'open' })
    await confirm(id, '2026-11-25T09:50', { kind: 'closed' })
    await confirm(id, '2026-11-25T09:55', { kind: 'closed' })
    const now = await detailAt(id, '2026-11-25T10:00')
    expect(now).toMatchObject({ likely_closed: true, open_now: false })
    expect(await openNowIdsAt(name, '2026-11-25T10:00')).toEqual([])
    // Weights halve every 30 minutes: two "closed" from ~09:52 weigh < 0.25 by 11:00, so the hours rule again.
    expect(await openNowIdsAt(name, '2026-11-25T11:30')).toEqual([id])
    // After 24 hours nothing counts at all.
    expect((await detailAt(id, '2026-11-26T10:00')).confirmations).toBeNull()
  })

  it('newer "open" confirmations outweigh older "closed" ones', async () => {
    const { id, name } = await station()
    await confirm(id, '2026-11-25T09:30', { kind: 'closed' })
    expect(await openNowIdsAt(name, '2026-11-25T09:40')).toEqual([])
    await confirm(id, '2026-11-25T09:50', { kind: 'open' })
    expect(await openNowIdsAt(name, '2026-11-25T09:55')).toEqual([id])
    expect((await detailAt(id, '2026-11-25T09:55')).likely_closed).toBe(false)
  })

  it('a staff verification answers the confirmations before it', async () => {
    const { id, name } = await station()
    await confirm(id, '2026-11-25T09:50', { kind: 'closed' })
    expect(await openNowIdsAt(name, '2026-11-25T09:55')).toEqual([])
    const app = await appAt('2026-11-25T09:58')
    const editor = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
    expect((await app.request(`/api/v1/places/${id}/verify`, jsonRequest('POST', undefined, { cookie: editor }))).status).toBe(
      200,
    )
    expect(await openNowIdsAt(name, '2026-11-25T10:00')).toEqual([id])
    expect((await detailAt(id, '2026-11-25T10:00')).confirmations).toBeNull()
    // A later "closed" counts again.
    await confirm(id, '2026-11-25T10:05', { kind: 'closed' })
    expect(await openNowIdsAt(name, '2026-11-25T10:10')).toEqual([])
  })

  it('evaluates at the request instant: a confirmation made after it does not count', async () => {
    const { id } = await station()
    await confirm(id, '2026-11-25T12:00', { kind: 'closed' })
    expect((await detailAt(id, '2026-11-25T11:00')).confirmations).toBeNull()
    expect((await detailAt(id, '2026-11-25T12:10')).likely_closed).toBe(true)
  })

  it('stores nothing about the person and refuses what is not a confirmation', async () => {
    const { id } = await station()
    const res = await confirm(id, '2026-11-25T10:00', { kind: 'amenity_broken', amenity: 'meal_heating' })
    expect(res.status).toBe(201)
    const { db } = await testDatabase()
    const row = await db.selectFrom('place_confirmation').selectAll().where('place_id', '=', id).executeTakeFirstOrThrow()
    expect(Object.keys(row).sort()).toEqual(['amenity', 'created_at', 'id', 'kind', 'place_id'])
    expect((await confirm(id, '2026-11-25T10:00', { kind: 'amenity_broken' })).status).toBe(422)
    expect((await confirm(id, '2026-11-25T10:00', { kind: 'open', amenity: 'wifi' })).status).toBe(422)
    expect((await confirm(id, '2026-11-25T10:00', { kind: 'amenity_broken', amenity: 'toilet' })).status).toBe(422)
    expect((await confirm(id, '2026-11-25T10:00', { kind: 'open', lat: 29.9 })).status).toBe(422)
    expect((await confirm('no-such-place', '2026-11-25T10:00', { kind: 'open' })).status).toBe(404)
    const p = await detailAt(id, '2026-11-25T10:05')
    expect(p.confirmations).toMatchObject({ amenity_broken: [{ amenity: 'meal_heating', count: 1 }] })
  })

  it('is rate limited per client and place, per client, and per place', async () => {
    const { id } = await station()
    const client = `203.0.113.${Math.floor(Math.random() * 250)}`
    for (let i = 0; i < 3; i++) expect((await confirm(id, '2026-11-25T10:00', { kind: 'open' }, client)).status).toBe(201)
    const limited = await confirm(id, '2026-11-25T10:01', { kind: 'open' }, client)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await confirm(id, '2026-11-25T10:11', { kind: 'open' }, client)).status).toBe(201)
    const { id: busy } = await station()
    let refused = 0
    for (let i = 0; i < 62; i++)
      if ((await confirm(busy, '2026-11-25T10:00', { kind: 'open' }, `192.0.2.${i}`)).status === 429) refused++
    expect(refused).toBe(2)
  })
})

describe('staff: confirmation timeline and inbox flags', () => {
  let editor: string
  beforeAll(async () => {
    editor = await signIn(await appAt('2026-11-25T10:00'), (await createStaff('editor', [ORG_WAITAN])).username)
  })

  it('shows every confirmation of a place with its weight now', async () => {
    const { id } = await station()
    await confirm(id, '2026-11-25T09:00', { kind: 'open' })
    await confirm(id, '2026-11-25T09:30', { kind: 'closed' })
    const res = await (await appAt('2026-11-25T10:00')).request(`/api/v1/places/${id}/confirmations`, {
      headers: { Cookie: editor },
    })
    expect(res.status).toBe(200)
    const body = await res.json<{ entries: { kind: string; weight: number }[]; likely_closed: boolean }>()
    expect(body.entries.map((e) => [e.kind, e.weight])).toEqual([
      ['closed', 0.5],
      ['open', 0.25],
    ])
    expect(body.likely_closed).toBe(true)
    expect((await (await appAt('2026-11-25T10:00')).request(`/api/v1/places/${id}/confirmations`)).status).toBe(401)
  })

  it('flags places with "closed" or conflicting confirmations in the report inbox', async () => {
    const conflicting = await station()
    const closed = await station()
    const fine = await station()
    await confirm(conflicting.id, '2026-11-25T09:40', { kind: 'open' })
    await confirm(conflicting.id, '2026-11-25T09:50', { kind: 'closed' })
    await confirm(closed.id, '2026-11-25T09:50', { kind: 'closed' })
    await confirm(fine.id, '2026-11-25T09:50', { kind: 'open' })
    const res = await (await appAt('2026-11-25T10:00')).request('/api/v1/reports', { headers: { Cookie: editor } })
    const { flagged_places: flagged } = await res.json<{ flagged_places: { place_id: string; flag: string }[] }>()
    const flagOf = (id: string) => flagged.find((f) => f.place_id === id)?.flag
    expect(flagOf(conflicting.id)).toBe('conflicting')
    expect(flagOf(closed.id)).toBe('closed')
    expect(flagOf(fine.id)).toBeUndefined()
  })
})
