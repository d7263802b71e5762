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

describe('names in the Jiangbei sample', () => {
  it('are unique per place in both languages, and a shop’s English name keeps its brand', async () => {
    const sample = await readSampleData()
    const zh = sample.places.map((p) => p.name_zh)
    const en = sample.places.map((p) => p.name_en)
    expect(en.every(Boolean)).toBe(true)
    // Two different places never read the same to an English speaker (nor to a Chinese one).
    const repeated = (names: unknown[]) => names.filter((name, i) => names.indexOf(name) !== i)
    expect(repeated(en)).toEqual([])
    expect(repeated(zh)).toEqual([])
    const brands: Record<string, string> = {
      罗森: 'Lawson',
      好德: 'Alldays',
      美宜佳: 'Meiyijia',
      十足: 'Shizu',
      喜士多: 'C-Store',
    }
    const shops = sample.places.filter((p) => /便利店/.test(p.name_zh))
    expect(shops.length).toBeGreaterThan(10)
    for (const shop of shops) {
      const brand = Object.keys(brands).find((b) => shop.name_zh.startsWith(b))
      expect(brand, shop.name_zh).toBeDefined()
      expect(shop.name_en).toMatch(new RegExp(`^${brands[brand!]} `))
    }
    for (const p of sample.places.filter((p) => p.name_zh.startsWith('中国移动'))) expect(p.name_en).toMatch(/^China Mobile /)
    for (const p of sample.places.filter((p) => p.name_zh.startsWith('中国电信'))) expect(p.name_en).toMatch(/^China Telecom /)
  })
})
