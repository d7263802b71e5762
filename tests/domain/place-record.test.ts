import { describe, expect, it } from 'vitest'
import { readSampleData } from '../../api/db/sample-file.js'
import { PlaceRecord } from '../../api/schemas/place-record.js'

const station = {
  id: 'cs-test-01',
  category: 'caring_station',
  name_zh: '测试驿站',
  location: [121.55, 29.88],
  source: 'test',
}

describe('place records', () => {
  it('accept a minimal station and fill defaults', () => {
    const parsed = PlaceRecord.parse(station)
    expect(parsed).toMatchObject({ amenities: [], opening_hours: null, status: 'open', details: {} })
  })

  it('validate details with the schema of the place’s category', () => {
    expect(
      PlaceRecord.safeParse({
        ...station,
        category: 'clinic',
        details: { clinic_type: 'occupational_health', services: ['occupational_health_exam'] },
      }).success,
    ).toBe(true)
    const wrong = PlaceRecord.safeParse({ ...station, category: 'clinic', details: { programmes: [] } })
    expect(wrong.success).toBe(false)
    expect(wrong.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['details.clinic_type']))
    const apartment = PlaceRecord.safeParse({ ...station, category: 'talent_apartment', details: { units: -3 } })
    expect(apartment.error!.issues[0]!.path).toEqual(['details', 'units'])
  })

  it('reject unknown amenities, impossible hours and positions off the globe', () => {
    const cases = [
      { ...station, amenities: ['beer'] },
      { ...station, opening_hours: { weekly: { mo: [['20:00', '08:00']] } } },
      { ...station, opening_hours: { weekly: { xx: [] } } },
      { ...station, opening_hours: { weekly: {}, exceptions: [{ date: '2026-02-30', intervals: [] }] } },
      { ...station, location: [190, 29] },
      { ...station, id: 'Has Spaces' },
    ]
    for (const c of cases) expect(PlaceRecord.safeParse(c).success, JSON.stringify(c)).toBe(false)
  })

  it('accept spans past midnight written past 24:00', () => {
    expect(PlaceRecord.safeParse({ ...station, opening_hours: { weekly: { fr: [['22:00', '26:00']] } } }).success).toBe(true)
  })
})

describe('the Jiangbei sample', () => {
  it('is valid, says it is illustrative, and has what the district runs', async () => {
    const sample = await readSampleData()
    const count = (category: string) => sample.places.filter((p) => p.category === category).length
    expect(count('caring_station')).toBeGreaterThanOrEqual(100)
    expect(count('clinic')).toBeGreaterThanOrEqual(8)
    expect(count('talent_apartment')).toBeGreaterThanOrEqual(3)
    expect(sample.places.map((p) => p.name_zh)).toEqual(expect.arrayContaining(['江北区智工之家', '建才之家', '爱柯迪学院']))
    for (const place of sample.places) {
      expect(place.source).toContain('Illustrative')
      const [lng, lat] = place.location
      expect(lng).toBeGreaterThan(121.4)
      expect(lng).toBeLessThan(121.65)
      expect(lat).toBeGreaterThan(29.85)
      expect(lat).toBeLessThan(30.02)
    }
    expect(new Set(sample.places.map((p) => p.id)).size).toBe(sample.places.length)
  })
})
