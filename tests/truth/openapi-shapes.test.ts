import { afterAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { contractFor, declaredSchema } from '../helpers/contract.js'
import { createStaff, createTestPlace, jsonRequest, ORG_WAITAN, removeTestPlaces, signIn } from '../helpers/staff.js'
import { testApp } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

async function schemaOf(method: string, path: string, status: number) {
  const contract = contractFor(await testApp(), method, path.replace(/:[A-Za-z]+/g, 'x'))
  expect(contract.path).toBe(path)
  return declaredSchema(contract, status)
}
const expectValid = (schema: z.ZodType, body: unknown) => {
  const result = schema.safeParse(body)
  expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([])
}

describe('live-truth responses keep to the OpenAPI document', () => {
  it('a place with everything set, a confirmation, the timeline, the calendar and the inbox', async () => {
    const app = await testApp({ clientAddress: () => '198.51.100.200' })
    const id = await createTestPlace(ORG_WAITAN, {
      opening_hours: { weekly: { we: [['08:00', '20:00']] }, holidays: [['09:00', '12:00']] },
      staffed_hours: { weekly: { we: [['09:00', '17:00']] } },
      access: { method: 'ask_staff', note_en: 'Ring the bell' },
      amenity_status: { meal_heating: { status: 'out_of_order', reason_en: 'Repair' } },
    })
    const confirmed = await app.request(
      `/api/v1/places/${id}/confirmations`,
      jsonRequest('POST', { kind: 'amenity_broken', amenity: 'meal_heating' }),
    )
    expectValid(await schemaOf('post', '/api/v1/places/:id/confirmations', 201), await confirmed.json())
    expectValid(await schemaOf('get', '/api/v1/places/:id', 200), await (await app.request(`/api/v1/places/${id}`)).json())
    expectValid(await schemaOf('get', '/api/v1/places', 200), await (await app.request('/api/v1/places?limit=200')).json())
    const cookie = await signIn(app, (await createStaff('admin')).username)
    const timeline = await app.request(`/api/v1/places/${id}/confirmations`, { headers: { Cookie: cookie } })
    expectValid(await schemaOf('get', '/api/v1/places/:id/confirmations', 200), await timeline.json())
    expectValid(
      await schemaOf('get', '/api/v1/reports', 200),
      await (await app.request('/api/v1/reports', { headers: { Cookie: cookie } })).json(),
    )
    expectValid(
      await schemaOf('get', '/api/v1/holidays', 200),
      await (await app.request('/api/v1/holidays?year=2026', { headers: { Cookie: cookie } })).json(),
    )
    expectValid(await schemaOf('get', '/api/v1/holidays/years', 200), await (await app.request('/api/v1/holidays/years')).json())
  })
})
