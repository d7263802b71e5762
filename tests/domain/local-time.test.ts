/**
 * The service's local dates, now answered from small caches: the same answers as plain Date arithmetic in
 * Asia/Shanghai for any instant and any day offset, including a repeated instant (the cached answer).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, isoWeekdayOf, toLocalTime } from '../../api/domain/local-time.js'

const DAY_MS = 86_400_000
const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2060, 0, 1) }).map((t) => new Date(t))

describe('local time', () => {
  it('matches the Asia/Shanghai calendar for any instant, asked once or twice', () => {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
    fc.assert(
      fc.property(instant, (at) => {
        const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]))
        const expected = {
          date: `${parts.year}-${parts.month}-${parts.day}`,
          minute: Number(parts.hour) * 60 + Number(parts.minute),
          isoWeekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1,
        }
        expect(toLocalTime(at)).toEqual(expected)
        expect(toLocalTime(new Date(at.getTime()))).toEqual(expected)
        expect(isoWeekdayOf(expected.date)).toBe(expected.isoWeekday)
      }),
      { numRuns: 500 },
    )
  })

  it('adds days across months, leap years and backwards', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -800, max: 800 }), (at, days) => {
        const date = at.toISOString().slice(0, 10)
        expect(addDays(date, days)).toBe(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10))
      }),
      { numRuns: 2000 },
    )
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(isoWeekdayOf('1969-12-31')).toBe(3)
  })
})
