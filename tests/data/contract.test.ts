import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { json, route } from '../../api/openapi/describe.js'
import { checkedRequest, expectKeepsContract } from '../helpers/contract.js'
import { createStaff, createTestPlace, jsonRequest, ORG_WAITAN, removeTestPlaces, signIn, trackPlace, uniqueName } from '../helpers/staff.js'
import { testApp } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

describe('every answer keeps to the contract its route declares', () => {
  it('the checker refuses an undeclared status and a body its schema does not allow', async () => {
    const app = new Hono()
    app.get('/n', route({ operationId: 'n', summary: 'n', tags: ['t'], responses: { 200: json('n', z.object({ n: z.number() })) } }), (c) =>
      c.json({ n: 'one' }),
    )
    app.get('/gone', route({ operationId: 'g', summary: 'g', tags: ['t'], responses: { 200: json('g', z.object({})) } }), (c) =>
      c.json({}, 410),
    )
    await expect(expectKeepsContract(app, 'GET', '/n', await app.request('/n'))).rejects.toThrow(/GET \/n → 200/)
    await expect(expectKeepsContract(app, 'GET', '/gone', await app.request('/gone'))).rejects.toThrow(/status not declared/)
  })

  it('public reads, good and bad', async () => {
    const request = checkedRequest(await testApp())
    const { body } = await request('/api/v1/places?limit=5')
    const first = (body as { features: Array<{ id: string }> }).features[0]!.id
    for (const url of [
      '/api/v1/places?lat=29.884&lng=121.556&radius=3000&limit=5&amenity=drinking_water',
      '/api/v1/places?lat=north',
      '/api/v1/places?lon=121',
      `/api/v1/places/${first}`,
      '/api/v1/places/no-such-place',
      '/api/v1/categories',
      '/api/v1/amenities',
      '/api/v1/areas',
      '/api/v1/holidays?year=2026',
      '/api/v1/holidays?year=twenty',
      '/api/v1/holidays/years',
      '/healthz',
      '/api/openapi.json',
      '/api/docs',
      '/api/v1/export.csv',
      '/api/v1/export.geojson',
      '/api/v1/export.csv?format=xml',
      '/ogc',
      '/ogc/conformance',
      '/ogc/collections',
      '/ogc/collections/places',
      '/ogc/collections/roads',
      '/ogc/collections/places/items?limit=3',
      '/ogc/collections/places/items?bbox=1,2',
      `/ogc/collections/places/items/${first}`,
      '/ogc/collections/places/items/no-such-place',
    ])
      await request(url)
  })

  it('staff sign-in, edits, history, reports, confirmations and accounts', async () => {
    const app = await testApp({ clientAddress: () => '198.51.100.201' })
    const request = checkedRequest(app)
    const admin = await createStaff('admin')
    await request('/api/v1/session', jsonRequest('POST', { username: admin.username, password: 'wrong password!' }))
    await request('/api/v1/session', jsonRequest('POST', '{not json'))
    const cookie = await signIn(app, admin.username)
    await request('/api/v1/session', { headers: { Cookie: cookie } })
    await request('/api/v1/staff/places')
    await request('/api/v1/staff/places', { headers: { Cookie: cookie } })
    await request('/api/v1/staff/organisations', { headers: { Cookie: cookie } })
    await request('/api/v1/staff/accounts', { headers: { Cookie: cookie } })

    const id = await createTestPlace(ORG_WAITAN)
    const { res: place } = await request(`/api/v1/places/${id}`)
    const etag = place.headers.get('etag')!
    await request(`/api/v1/places/${id}`, jsonRequest('PATCH', { name_en: 'Contract station' }, { cookie }))
    const { res: edited } = await request(
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', { name_en: 'Contract station' }, { cookie, ifMatch: etag }),
    )
    expect(edited.status).toBe(200)
    await request(`/api/v1/places/${id}`, jsonRequest('PATCH', { name_zh: '旧版本' }, { cookie, ifMatch: etag }))
    await request(`/api/v1/places/${id}`, jsonRequest('PATCH', { opening_hours: 'always' }, { cookie, ifMatch: edited.headers.get('etag')! }))
    await request(`/api/v1/places/${id}/verify`, jsonRequest('POST', undefined, { cookie }))
    await request(`/api/v1/places/${id}/history`, { headers: { Cookie: cookie } })
    await request(`/api/v1/places/${id}/confirmations`, jsonRequest('POST', { kind: 'open_now' }))
    await request(`/api/v1/places/${id}/confirmations`, jsonRequest('POST', { kind: 'maybe' }))
    await request(`/api/v1/places/${id}/confirmations`, { headers: { Cookie: cookie } })
    const { body: report } = await request(
      `/api/v1/places/${id}/reports`,
      jsonRequest('POST', { kind: 'closed', message: 'Shut at noon' }),
    )
    await request('/api/v1/reports', { headers: { Cookie: cookie } })
    await request('/api/v1/reports?status=nonsense', { headers: { Cookie: cookie } })
    await request(`/api/v1/reports/${(report as { id: string }).id}`, jsonRequest('PATCH', { status: 'dismissed' }, { cookie }))
    await request('/api/v1/reports/999999999', jsonRequest('PATCH', { status: 'dismissed' }, { cookie }))
    await request(`/api/v1/places/${id}`, jsonRequest('DELETE', undefined, { cookie }))
    await request(`/api/v1/places/${id}/restore`, jsonRequest('POST', undefined, { cookie }))

    const newId = uniqueName('cs-contract')
    trackPlace(newId)
    await request(
      '/api/v1/places',
      jsonRequest('POST', { id: newId, category: 'caring_station', name_zh: '契约驿站', location: [121.55, 29.89] }, { cookie }),
    )
    await request('/api/v1/places', jsonRequest('POST', { id: newId, category: 'caring_station', name_zh: '重复', location: [121.55, 29.89] }, { cookie }))

    const { body: created } = await request(
      '/api/v1/staff/accounts',
      jsonRequest('POST', { username: uniqueName('contract').toLowerCase(), password: 'long enough password', role: 'editor', organisations: [ORG_WAITAN] }, { cookie }),
    )
    const accountId = (created as { account: { id: string } }).account.id
    await request(`/api/v1/staff/accounts/${accountId}`, jsonRequest('PATCH', { role: 'nobody' }, { cookie }))
    await request(`/api/v1/staff/accounts/${accountId}`, jsonRequest('PATCH', { disabled: true }, { cookie }))
    await request('/api/v1/holidays/abcd', jsonRequest('PUT', { days: [] }, { cookie }))
    await request('/api/v1/holidays/import?dry_run=true', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Cookie: cookie, Origin: 'http://localhost' },
      body: 'date,kind,name_zh,name_en\n2031-01-01,holiday,元旦,New Year\n',
    })
    await request('/api/v1/import?dry_run=true', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Cookie: cookie, Origin: 'http://localhost' },
      body: 'id,category,name_zh,lng,lat\n',
    })
    await request('/api/v1/session', jsonRequest('DELETE', undefined, { cookie }))
  })
})
