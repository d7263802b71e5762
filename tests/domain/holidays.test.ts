import { describe, expect, it } from 'vitest'
import {
  daysAhead,
  hoursOpenAt,
  placeOpenState,
  staffingNow,
  type HolidayCalendar,
  type OpeningHours,
} from '../../api/domain/opening-hours.js'
import { shanghai } from '../helpers/test-db.js'

/** Spring Festival 2026 (02-15…23, make-up workdays 02-14 and 02-28) and National Day (10-01…07, make-up 10-10). */
const calendar: HolidayCalendar = new Map([
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => [`2026-02-${d}`, 'holiday'] as const),
  ['2026-02-14', 'makeup_workday'],
  ['2026-02-28', 'makeup_workday'],
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as const),
  ['2026-10-10', 'makeup_workday'],
])
const weekdays = (holidays?: OpeningHours['holidays']): OpeningHours => {
  const d: [string, string][] = [['09:00', '17:00']]
  return { weekly: { mo: d, tu: d, we: d, th: d, fr: d }, ...(holidays ? { holidays } : {}) }
}
const state = (hours: OpeningHours, at: string) =>
  placeOpenState({ status: 'open', status_until: null, opening_hours: hours }, shanghai(at), calendar)

describe('opening hours on public holidays and make-up workdays', () => {
  it('a weekday-only place closed on holidays is closed on 2026-02-17 and open on Saturday 2026-02-14', () => {
    const hours = weekdays('closed')
    expect(state(hours, '2026-02-17T10:00').open_now).toBe(false)
    expect(state(hours, '2026-02-14T10:00').open_now).toBe(true)
    expect(state(hours, '2026-02-28T10:00').open_now).toBe(true)
    // …and its next opening after the holiday is the first workday, Tuesday 02-24 (not Monday 02-23).
    expect(state(hours, '2026-02-17T10:00').opens_at).toBe('2026-02-24T09:00:00+08:00')
    expect(state(hours, '2026-10-10T16:00')).toEqual({ open_now: true, closes_at: '2026-10-10T17:00:00+08:00', opens_at: null })
  })

  it('as_usual (the default) keeps the weekly pattern on holidays and make-up days', () => {
    const hours = weekdays()
    expect(state(hours, '2026-02-17T10:00').open_now).toBe(true)
    expect(state(hours, '2026-02-14T10:00').open_now).toBe(false)
    expect(state(weekdays('as_usual'), '2026-10-02T10:00').open_now).toBe(true)
  })

  it('holiday hours replace the day; a make-up workday opens with Monday hours', () => {
    const hours: OpeningHours = {
      weekly: { mo: [['08:00', '12:00']], tu: [['09:00', '17:00']], sa: [['10:00', '11:00']] },
      holidays: [['09:00', '12:00']],
    }
    expect(state(hours, '2026-10-01T11:30').open_now).toBe(true)
    expect(state(hours, '2026-10-01T12:00').open_now).toBe(false)
    // Saturday 10-10 is a make-up workday: Monday's 08:00–12:00, not Saturday's 10:00–11:00.
    expect(state(hours, '2026-10-10T08:30').open_now).toBe(true)
    expect(state(hours, '2026-10-10T11:30').open_now).toBe(true)
  })

  it('a dated exception wins over the holiday rule', () => {
    const hours: OpeningHours = { ...weekdays('closed'), exceptions: [{ date: '2026-02-17', intervals: [['13:00', '15:00']] }] }
    expect(state(hours, '2026-02-17T10:00').open_now).toBe(false)
    expect(state(hours, '2026-02-17T14:00').open_now).toBe(true)
    const makeup: OpeningHours = { ...weekdays('closed'), exceptions: [{ date: '2026-02-14', intervals: [] }] }
    expect(state(makeup, '2026-02-14T10:00').open_now).toBe(false)
  })

  it('a span past midnight on the eve of a holiday still runs into the holiday morning', () => {
    const night: OpeningHours = { weekly: { we: [['22:00', '26:00']], th: [['22:00', '26:00']] }, holidays: 'closed' }
    // Wednesday 09-30 22:00 → Thursday 10-01 02:00 (a holiday): yesterday's span carries on.
    expect(hoursOpenAt(night, '2026-10-01', 90, calendar)).toBe(true)
    // Thursday 10-01 is a holiday, so its own 22:00 opening does not happen.
    expect(hoursOpenAt(night, '2026-10-01', 23 * 60, calendar)).toBe(false)
  })

  it('says staffed or self-service for an open place with staffed hours', () => {
    const allDay: OpeningHours = {
      weekly: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [['00:00', '24:00']]])),
    }
    const staffed = weekdays('closed')
    expect(staffingNow(staffed, true, shanghai('2026-11-25T10:00'), calendar)).toBe('staffed')
    expect(staffingNow(staffed, true, shanghai('2026-11-25T20:00'), calendar)).toBe('self_service')
    expect(staffingNow(staffed, true, shanghai('2026-02-17T10:00'), calendar)).toBe('self_service')
    expect(staffingNow(staffed, false, shanghai('2026-11-25T10:00'), calendar)).toBeNull()
    expect(staffingNow(null, true, shanghai('2026-11-25T10:00'), calendar)).toBeNull()
    expect(daysAhead(allDay, staffed, '2026-02-13', calendar, 3)).toEqual([
      { date: '2026-02-13', intervals: [['00:00', '24:00']], staffed: [['09:00', '17:00']], reason: null },
      { date: '2026-02-14', intervals: [['00:00', '24:00']], staffed: [['09:00', '17:00']], reason: null },
      { date: '2026-02-15', intervals: [['00:00', '24:00']], staffed: [], reason: null },
    ])
  })

  it('the week view marks holiday and make-up days that change a place with a holiday rule', () => {
    const days = daysAhead(weekdays('closed'), null, '2026-02-13', calendar, 4)
    expect(days.map((d) => [d.date, d.intervals.length, d.reason])).toEqual([
      ['2026-02-13', 1, null],
      ['2026-02-14', 1, 'makeup_workday'],
      ['2026-02-15', 0, 'holiday'],
      ['2026-02-16', 0, 'holiday'],
    ])
  })
})
