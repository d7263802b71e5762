/** Issue 12 on the API: `at=` evaluates the statuses at an instant, `Evaluated-At` says which, need words search. */
import { describe, expect, it } from 'vitest'
import { needsIn } from '../../api/domain/need-words.js'
import { shanghai, testApp } from '../helpers/test-db.js'

interface Collection {
  features: Array<{
    id: string
    properties: { open_now: boolean | null; closes_at: string | null; amenities: string[]; category: string }
  }>
}

async function get(query: string, now = shanghai('2026-11-25T10:00')) {
  const app = await testApp({ clock: () => now })
  const res = await app.request(`/api/v1/places?${query}`)
  return { res, body: await res.json<Collection>() }
}
const all = async (query: string, now?: Date) => (await get(`${query}&limit=200`, now)).body.features

describe('places at an instant', () => {
  it('says which instant the statuses hold for', async () => {
    const { res } = await get('limit=1')
    expect(res.headers.get('evaluated-at')).toBe(shanghai('2026-11-25T10:00').toISOString())
    const at = await get(`limit=1&at=${encodeURIComponent('2026-11-25T23:30:00+08:00')}`)
    expect(at.res.headers.get('evaluated-at')).toBe('2026-11-25T15:30:00.000Z')
  })

  it('evaluates open_now and the open_now filter at `at`, as the server clock would', async () => {
    const late = shanghai('2026-11-25T23:30')
    const viaAt = await all(`open_now=true&at=${encodeURIComponent(late.toISOString())}`)
    const viaClock = await all('open_now=true', late)
    expect(viaAt.map((f) => f.id)).toEqual(viaClock.map((f) => f.id))
    const morning = await all('open_now=true')
    expect(viaAt.length).toBeLessThan(morning.length)
  })

  it('refuses an `at` that is not an instant, as problem+json naming the field', async () => {
    for (const bad of ['tomorrow', '2026-11-25', '2026-11-25T10:00', '3026-01-01T00:00:00Z']) {
      const app = await testApp()
      const res = await app.request(`/api/v1/places?at=${encodeURIComponent(bad)}`)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const body = await res.json<{ errors?: Array<{ field: string }> }>()
      expect(body.errors?.map((e) => e.field)).toContain('at')
    }
  })
})

describe('search that understands needs', () => {
  it('maps need words in Chinese and English to facilities and categories', () => {
    expect(needsIn('厕所').amenities).toEqual(['toilet'])
    expect(needsIn('Toilet').amenities).toEqual(['toilet'])
    expect(needsIn('卫生间').amenities).toEqual(['toilet'])
    expect(needsIn('喝水').amenities).toEqual(['drinking_water'])
    expect(needsIn('water').amenities).toEqual(['drinking_water'])
    expect(needsIn('微波炉').amenities).toEqual(['meal_heating'])
    expect(needsIn('charge').amenities).toEqual(['phone_charging'])
    expect(needsIn('clinic').categories).toEqual(['clinic'])
    expect(needsIn('卫生').categories).toEqual(['clinic'])
    expect(needsIn('人民路')).toEqual({ amenities: [], categories: [] })
  })

  it('finds every place with the facility for "厕所", "toilet" and "water", and every clinic for "clinic"', async () => {
    const toilets = (await all('amenity=toilet')).map((f) => f.id).sort()
    expect(toilets.length).toBeGreaterThan(0)
    for (const q of ['厕所', 'toilet', '卫生间']) {
      const found = (await all(`q=${encodeURIComponent(q)}`)).map((f) => f.id)
      for (const id of toilets) expect(found).toContain(id)
    }
    const water = (await all('amenity=drinking_water')).map((f) => f.id)
    const foundWater = (await all('q=water')).map((f) => f.id)
    for (const id of water) expect(foundWater).toContain(id)
    const clinics = (await all('category=clinic')).map((f) => f.id).sort()
    expect((await all('q=clinic')).map((f) => f.id).sort()).toEqual(clinics)
    expect((await all(`q=${encodeURIComponent('卫生')}`)).length).toBeGreaterThanOrEqual(clinics.length)
  })
})
