import { describe, expect, it } from 'vitest'
import { parseAmenityList } from '../../api/domain/amenity-aliases.js'
import { toWgs84 } from '../../api/import/coordinates.js'
import { csvLine, parseCsv, UTF8_BOM } from '../../api/import/csv.js'
import { formatHoursText, parseHoursText } from '../../api/import/hours-text.js'
import { OpeningHoursSchema } from '../../api/schemas/opening-hours.js'

const hours = (text: string) => {
  const parsed = parseHoursText(text)
  if (!parsed.ok) throw new Error(parsed.error)
  expect(OpeningHoursSchema.safeParse(parsed.hours).success).toBe(true)
  return parsed.hours
}
const WEEKDAYS_8_20 = { mo: [['08:00', '20:00']], tu: [['08:00', '20:00']], we: [['08:00', '20:00']], th: [['08:00', '20:00']], fr: [['08:00', '20:00']] }

describe('opening hours text', () => {
  it('reads the OSM form', () => {
    expect(hours('Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00')).toEqual({ weekly: { ...WEEKDAYS_8_20, sa: [['09:00', '17:00']], su: [['09:00', '17:00']] } })
  })
  it('reads the Chinese form with full-width punctuation', () => {
    expect(hours('周一至周五 08:00-20:00；周六、周日 09:00-17:00')).toEqual(hours('Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00'))
    expect(hours('星期一到星期五 8:00～20:00')).toEqual({ weekly: WEEKDAYS_8_20 })
    expect(hours('工作日 08：00-20：00')).toEqual({ weekly: WEEKDAYS_8_20 })
  })
  it('reads round-the-clock forms', () => {
    const allDay = { weekly: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [['00:00', '24:00']]])) }
    for (const text of ['每天 24小时', '24/7', 'Mo-Su 00:00-24:00', '全天', '每天 00:00-24:00']) expect(hours(text), text).toEqual(allDay)
  })
  it('writes a span past midnight as closing after 24:00', () => {
    expect(hours('Fr,Sa 22:00-02:00').weekly.fr).toEqual([['22:00', '26:00']])
  })
  it('lets later rules override days, split shifts and dated exceptions', () => {
    expect(hours('每天 08:30-11:30,13:30-17:00; Su off; 2026-10-01 off; 2026-10-02 09:00-12:00')).toEqual({
      weekly: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa'].map((d) => [d, [['08:30', '11:30'], ['13:30', '17:00']]])),
      exceptions: [{ date: '2026-10-01', intervals: [] }, { date: '2026-10-02', intervals: [['09:00', '12:00']] }],
    })
  })
  it('rejects what it cannot read, saying why', () => {
    for (const bad of ['Mo-Fr 8-20', 'Xx 08:00-20:00', '周一至周五', 'Mo 25:00-26:00', 'Mo 08:00-20:61'])
      expect(parseHoursText(bad).ok, bad).toBe(false)
  })
  it('formats back to text that reads the same', () => {
    for (const text of ['Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00', '24/7', 'Mo,We,Fr 22:00-02:00; 2027-01-01 off', 'off']) {
      expect(formatHoursText(hours(text))).toBe(text)
      expect(hours(formatHoursText(hours(text)))).toEqual(hours(text))
    }
  })
})

describe('amenity lists', () => {
  it('reads Chinese and English labels, codes and common words in any separator', () => {
    expect(parseAmenityList('饮水;充电；热饭、WiFi, toilet|drinking_water')).toEqual({
      codes: ['drinking_water', 'phone_charging', 'meal_heating', 'wifi', 'toilet'],
      unknown: [],
    })
    expect(parseAmenityList('空调/取暖;Phone charging').codes).toEqual(['air_conditioning', 'phone_charging'])
  })
  it('reports words it does not know', () => {
    expect(parseAmenityList('饮水;按摩椅').unknown).toEqual(['按摩椅'])
  })
})

describe('CSV', () => {
  it('reads Excel output: BOM, quotes, doubled quotes, line breaks, CRLF; keeps start lines', () => {
    const text = `${UTF8_BOM}a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\r\n\r\nlast,"q"`
    expect([...parseCsv(text)]).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
      { line: 6, fields: ['last', 'q'] },
    ])
  })
  it('writes what it reads', () => {
    const values = ['江北, 宁波', 'a "b"', 'x\ny', ' lead', 'plain']
    expect([...parseCsv(csvLine(values))][0]!.fields).toEqual(values)
  })
})

describe('coordinate conversion (gcoord) against published reference pairs', () => {
  // wandergis/coordtransform README / test/app.js, input (116.404, 39.915).
  it('GCJ-02 → WGS-84', () => {
    const [lng, lat] = toWgs84(116.404, 39.915, 'gcj02')
    expect(lng).toBeCloseTo(116.39775550083061, 5)
    expect(lat).toBeCloseTo(39.91359571849836, 5)
  })
  it('BD-09 → WGS-84 is BD-09 → GCJ-02 → WGS-84', () => {
    const gcj = [116.39762729119315, 39.90865673957631] as const
    const [lng, lat] = toWgs84(116.404, 39.915, 'bd09')
    const [viaLng, viaLat] = toWgs84(gcj[0], gcj[1], 'gcj02')
    expect(lng).toBeCloseTo(viaLng, 5)
    expect(lat).toBeCloseTo(viaLat, 5)
  })
  it('moves a Ningbo point by the expected few hundred metres', () => {
    const [lng, lat] = toWgs84(121.55, 29.88, 'gcj02')
    const metres = Math.hypot((121.55 - lng) * 96_500, (29.88 - lat) * 111_000)
    expect(metres).toBeGreaterThan(300)
    expect(metres).toBeLessThan(700)
  })
})
