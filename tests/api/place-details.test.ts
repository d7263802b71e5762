import { describe, expect, it } from 'vitest'
import { shanghai, testApp } from '../helpers/test-db.js'

describe('GET /api/v1/places/:id', () => {
  it('returns one Feature with full details and an ETag', async () => {
    const app = await testApp()
    const res = await app.request('/api/v1/places/tb-jiancai')
    expect(res.status).toBe(200)
    const etag = res.headers.get('etag')
    expect(etag).toMatch(/^"tb-jiancai\.v1\.\d{8}[ocu]"$/)
    const body = await res.json<{ id: string; properties: Record<string, unknown> }>()
    expect(body.id).toBe('tb-jiancai')
    expect(body.properties).toMatchObject({
      category: 'training_base',
      name_zh: '建才之家',
      version: 1,
      opening_hours: { weekly: { mo: [['08:30', '17:00']] } },
      details: { programmes: expect.arrayContaining([{ name_zh: '建筑安全教育', name_en: 'Construction safety' }]) },
      source: expect.stringContaining('非官方'),
      organisation: { id: 'jiangbei-union', name_zh: '江北区总工会' },
    })
  })

  it('answers 304 to a matching If-None-Match, and a new ETag once the place opens', async () => {
    const morning = await testApp({ clock: () => shanghai('2026-11-25T07:00') })
    const etag = (await morning.request('/api/v1/places/tb-jiancai')).headers.get('etag')!
    const again = await morning.request('/api/v1/places/tb-jiancai', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    const later = await testApp({ clock: () => shanghai('2026-11-25T09:00') })
    const opened = await later.request('/api/v1/places/tb-jiancai', { headers: { 'If-None-Match': etag } })
    expect(opened.status).toBe(200)
    expect((await opened.json<{ properties: { open_now: boolean } }>()).properties.open_now).toBe(true)
  })

  it('gives 404 problem details for an unknown or malformed id', async () => {
    const app = await testApp()
    for (const id of ['cs-nowhere-99', 'NOT%20AN%20ID', 'x'.repeat(300)]) {
      const res = await app.request(`/api/v1/places/${id}`)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })
})

describe('catalogue', () => {
  it('lists categories with zh/en labels and counts', async () => {
    const app = await testApp()
    const body = await (await app.request('/api/v1/categories')).json<{
      categories: { code: string; label_zh: string; count: number }[]
    }>()
    expect(body.categories.map((c) => c.code)).toEqual(['caring_station', 'clinic', 'talent_apartment', 'training_base'])
    expect(body.categories[0]).toMatchObject({ label_zh: '爱心驿站', label_en: 'Caring station' })
    expect(body.categories[0]!.count).toBeGreaterThanOrEqual(100)
  })

  it('lists the amenity vocabulary, the district seven first, with counts', async () => {
    const app = await testApp()
    const body = await (await app.request('/api/v1/amenities')).json<{
      amenities: { code: string; label_zh: string; label_en: string; count: number }[]
    }>()
    expect(body.amenities.slice(0, 7).map((a) => a.code)).toEqual([
      'rest_seating',
      'drinking_water',
      'first_aid_kit',
      'wifi',
      'phone_charging',
      'smartphone_help',
      'meal_heating',
    ])
    expect(body.amenities.map((a) => a.code)).toEqual(
      expect.arrayContaining(['toilet', 'air_conditioning', 'ebike_charging', 'umbrella_lending', 'accessible_entrance']),
    )
    expect(body.amenities.find((a) => a.code === 'drinking_water')!.count).toBeGreaterThan(100)
  })

  it('lists the areas (街道) of the data', async () => {
    const app = await testApp()
    const body = await (await app.request('/api/v1/areas')).json<{ areas: { name_zh: string }[] }>()
    expect(body.areas.map((a) => a.name_zh)).toEqual(
      expect.arrayContaining(['外滩街道', '孔浦街道', '文教街道', '甬江街道', '庄桥街道', '洪塘街道', '前江街道', '慈城镇']),
    )
  })
})

describe('unknown routes', () => {
  it('answer 404 problem details', async () => {
    const app = await testApp()
    const res = await app.request('/api/v1/nothing-here')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })
})
