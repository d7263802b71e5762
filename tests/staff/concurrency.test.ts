import { afterAll, describe, expect, it } from 'vitest'
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
import { testApp } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

describe('PATCH /api/v1/places/:id under concurrency', () => {
  it('lets exactly one of 20 parallel edits with the same If-Match win; the rest get 412 and leave no audit entry', async () => {
    const app = await testApp()
    const cookie = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
    const id = await createTestPlace(ORG_WAITAN)
    const etag = (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
    const auditBefore = await auditCount(id)

    const bodies = Array.from({ length: 20 }, (_, i) => ({
      status: 'temporarily_closed',
      status_reason: `editor ${i}`,
      phone: `0574-${1000 + i}`,
    }))
    const responses = await Promise.all(
      bodies.map((body) => app.request(`/api/v1/places/${id}`, jsonRequest('PATCH', body, { cookie, ifMatch: etag }))),
    )

    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 412)).toHaveLength(19)
    const winner = bodies[statuses.indexOf(200)]!
    expect(await auditCount(id)).toBe(auditBefore + 1)
    const row = await placeRow(id)
    expect(row.version).toBe(2)
    expect({ status: row.status, status_reason: row.status_reason, phone: row.phone }).toEqual(winner)

    const loser = responses.find((r) => r.status === 412)!
    const problem = await loser.json<{ current_version: number; current: { properties: { status_reason: string } } }>()
    expect(problem.current_version).toBe(2)
    expect(problem.current.properties.status_reason).toBe(winner.status_reason)
    expect(loser.headers.get('etag')).toMatch(new RegExp(`^"${id}\\.v2\\.`))
  })
})
