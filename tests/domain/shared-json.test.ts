/**
 * jsonb from PostgreSQL is parsed once per distinct text and shared, frozen (api/db/shared-json.ts), and the
 * open/close times are then kept per shared timetable: the answers must be those of a private, unfrozen copy,
 * whatever the instant, the day and the holiday calendar, and no request can change what another reads.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import pg from 'pg'
import { parseSharedJson, sharedParser } from '../../api/db/shared-json.js'
import { DAY_KEYS, placeOpenState, type HolidayCalendar, type OpeningHours } from '../../api/domain/opening-hours.js'

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
const interval = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
  .map(([start, length]) => [hhmm(start), hhmm(start + length)] as [string, string])
const hours: fc.Arbitrary<OpeningHours> = fc.record(
  {
    weekly: fc.record(Object.fromEntries(DAY_KEYS.map((d) => [d, fc.array(interval, { maxLength: 2 })])), { requiredKeys: [] }),
    holidays: fc.constantFrom('as_usual' as const, 'closed' as const),
    exceptions: fc.array(
      fc.record({
        date: fc.constantFrom('2026-10-01', '2026-10-03', '2026-11-26'),
        intervals: fc.array(interval, { maxLength: 2 }),
      }),
      {
        maxLength: 2,
      },
    ),
  },
  { requiredKeys: ['weekly'] },
)
const HOLIDAYS: HolidayCalendar = new Map([
  ['2026-10-01', 'holiday'],
  ['2026-10-02', 'holiday'],
  ['2026-10-11', 'makeup_workday'],
])
const NONE: HolidayCalendar = new Map()
const instant = fc
  .integer({ min: Date.parse('2026-09-28T00:00:00+08:00'), max: Date.parse('2026-10-14T00:00:00+08:00') })
  .map((t) => new Date(t))

describe('shared jsonb', () => {
  it('hands out one deeply frozen object per distinct text', () => {
    const text = '{"weekly":{"mo":[["08:00","20:00"]]},"holidays":"closed"}'
    const a = parseSharedJson(text) as OpeningHours
    expect(parseSharedJson(text)).toBe(a)
    expect(parseSharedJson('{"weekly":{}}')).not.toBe(a)
    expect(Object.isFrozen(a) && Object.isFrozen(a.weekly) && Object.isFrozen(a.weekly.mo![0])).toBe(true)
    expect(() => {
      ;(a.weekly.mo as unknown as string[][]).push(['21:00', '22:00'])
    }).toThrow(TypeError)
    expect(parseSharedJson(text)).toEqual({ weekly: { mo: [['08:00', '20:00']] }, holidays: 'closed' })
    const long = JSON.stringify({ details: 'x'.repeat(5000) })
    expect(Object.isFrozen(parseSharedJson(long))).toBe(false)
    expect(parseSharedJson('null')).toBeNull()

    const textArray = sharedParser(pg.types.getTypeParser(1009 as number, 'text') as (text: string) => unknown)
    const kit = textArray('{drinking_water,"meal heating"}') as string[]
    expect(kit).toEqual(['drinking_water', 'meal heating'])
    expect(textArray('{drinking_water,"meal heating"}')).toBe(kit)
    expect(() => kit.sort()).toThrow(TypeError)
  })

  it('gives the open state of an unshared copy, instant after instant, with and without holidays', () => {
    fc.assert(
      fc.property(hours, fc.array(fc.tuple(instant, fc.boolean()), { minLength: 1, maxLength: 8 }), (h, asked) => {
        const shared = parseSharedJson(JSON.stringify(h)) as OpeningHours
        for (const [at, holidays] of asked) {
          const calendar = holidays ? HOLIDAYS : NONE
          const place = { status: 'open' as const, status_until: null }
          expect(placeOpenState({ ...place, opening_hours: shared }, at, calendar)).toEqual(
            placeOpenState({ ...place, opening_hours: structuredClone(h) }, at, calendar),
          )
        }
      }),
      { numRuns: 300 },
    )
  })
})
