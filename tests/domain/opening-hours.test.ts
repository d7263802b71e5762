import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toLocalTime } from '../../api/domain/local-time.js'
import { hoursOpenAt, NO_HOLIDAYS, placeOpenState, type OpeningHours } from '../../api/domain/opening-hours.js'
import { shanghai } from '../helpers/test-db.js'

const every = (from: string, to: string) => {
  const d: [string, string][] = [[from, to]]
  return { mo: d, tu: d, we: d, th: d, fr: d, sa: d, su: d }
}
const open = (
  hours: OpeningHours | null,
  at: string,
  status: 'open' | 'temporarily_closed' | 'closed' = 'open',
  until: string | null = null,
) => placeOpenState({ status, status_until: until, opening_hours: hours }, shanghai(at), NO_HOLIDAYS)

// The server runs in a zone far from Shanghai: nothing may depend on it.
const originalTz = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles'
})
afterAll(() => {
  process.env.TZ = originalTz
})

describe('local time', () => {
  it('is Shanghai time whatever the server zone', () => {
    expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(-480)
    expect(toLocalTime(new Date('2026-11-25T16:30:00Z'))).toEqual({ date: '2026-11-26', minute: 30, isoWeekday: 4 })
    expect(toLocalTime(new Date('2026-03-29T01:59:00Z'))).toEqual({ date: '2026-03-29', minute: 599, isoWeekday: 7 })
  })

  it('has no daylight-saving jump (08:00 UTC offset all year)', () => {
    for (const month of ['01', '04', '07', '10']) {
      expect(toLocalTime(new Date(`2026-${month}-15T04:00:00Z`)).minute).toBe(12 * 60)
    }
  })
})

describe('opening hours', () => {
  const weekdays: OpeningHours = {
    weekly: {
      mo: [
        ['08:30', '11:30'],
        ['13:30', '17:00'],
      ],
      tu: [
        ['08:30', '11:30'],
        ['13:30', '17:00'],
      ],
    },
  }

  it('is closed during a lunch break and says when it reopens', () => {
    // 2026-11-23 is a Monday.
    expect(open(weekdays, '2026-11-23T12:00')).toEqual({
      open_now: false,
      closes_at: null,
      opens_at: '2026-11-23T13:30:00+08:00',
    })
    expect(open(weekdays, '2026-11-23T10:00')).toEqual({ open_now: true, closes_at: '2026-11-23T11:30:00+08:00', opens_at: null })
  })

  it('treats closing time as exclusive and opening time as inclusive', () => {
    expect(open(weekdays, '2026-11-23T08:30').open_now).toBe(true)
    expect(open(weekdays, '2026-11-23T17:00').open_now).toBe(false)
  })

  it('finds the next opening days ahead (Tuesday evening → next Monday)', () => {
    expect(open(weekdays, '2026-11-24T18:00').opens_at).toBe('2026-11-30T08:30:00+08:00')
  })

  it('handles spans past midnight, including into the next day of the week', () => {
    const night: OpeningHours = { weekly: { su: [['22:00', '26:00']] } }
    // Sunday 2026-11-29 22:00 → Monday 02:00
    expect(open(night, '2026-11-29T23:59').open_now).toBe(true)
    expect(open(night, '2026-11-30T01:59')).toEqual({ open_now: true, closes_at: '2026-11-30T02:00:00+08:00', opens_at: null })
    expect(open(night, '2026-11-30T02:00').open_now).toBe(false)
    expect(hoursOpenAt(night, '2026-11-30', 90, NO_HOLIDAYS)).toBe(true)
  })

  it('is open round the clock with no closing time for 24/7', () => {
    expect(open({ weekly: every('00:00', '24:00') }, '2026-11-25T03:00')).toEqual({
      open_now: true,
      closes_at: null,
      opens_at: null,
    })
  })

  it('joins 18:00–06:00 night shifts every day into one opening', () => {
    const nights = { weekly: every('18:00', '30:00') }
    expect(open(nights, '2026-11-25T05:00')).toEqual({ open_now: true, closes_at: '2026-11-25T06:00:00+08:00', opens_at: null })
    expect(open(nights, '2026-11-25T12:00').opens_at).toBe('2026-11-25T18:00:00+08:00')
  })

  it('lets a dated exception close a normal day and open a rest day', () => {
    const hours: OpeningHours = {
      weekly: { we: [['09:00', '17:00']] },
      exceptions: [
        { date: '2026-11-25', intervals: [] },
        { date: '2026-11-29', intervals: [['10:00', '12:00']] },
      ],
    }
    expect(open(hours, '2026-11-25T10:00')).toEqual({ open_now: false, closes_at: null, opens_at: '2026-11-29T10:00:00+08:00' })
    expect(open(hours, '2026-11-29T11:00').open_now).toBe(true)
    expect(open(hours, '2026-12-02T10:00').open_now).toBe(true)
  })

  it('lets an exception day stop a span carried over from the day before only on its own day', () => {
    const hours: OpeningHours = { weekly: every('20:00', '26:00'), exceptions: [{ date: '2026-11-26', intervals: [] }] }
    // The 25th's span still runs to 02:00 on the 26th, but the 26th itself does not open in the evening.
    expect(open(hours, '2026-11-26T01:00').open_now).toBe(true)
    expect(open(hours, '2026-11-26T21:00').open_now).toBe(false)
  })

  it('is unknown (null) without hours, and closed whenever the status says so', () => {
    expect(open(null, '2026-11-25T10:00').open_now).toBeNull()
    expect(open({ weekly: every('00:00', '24:00') }, '2026-11-25T10:00', 'closed').open_now).toBe(false)
    expect(open({ weekly: every('00:00', '24:00') }, '2026-11-25T10:00', 'temporarily_closed').open_now).toBe(false)
    expect(open({ weekly: every('00:00', '24:00') }, '2026-11-25T10:00', 'temporarily_closed', '2026-11-25').open_now).toBe(false)
    expect(open({ weekly: every('00:00', '24:00') }, '2026-11-26T10:00', 'temporarily_closed', '2026-11-25').open_now).toBe(true)
  })
})
