import { describe, expect, it } from 'vitest'
import type { PlaceSummary } from '../../web/api.js'
import { makeI18n } from '../../web/i18n/index.js'
import { formatDate, formatDistance, statusLine } from '../../web/lib/format.js'
import { formatInterval, upcomingExceptions, weeklyRows } from '../../web/lib/hours.js'

const en = makeI18n('en')
const zh = makeI18n('zh-CN')
const wednesday10 = new Date('2026-11-25T10:00:00+08:00')
const place = (p: Partial<PlaceSummary>) =>
  ({ status: 'open', open_now: null, closes_at: null, opens_at: null, ...p }) as PlaceSummary

describe('status line', () => {
  it('says until when an open place closes', () => {
    expect(statusLine(place({ open_now: true, closes_at: '2026-11-25T20:00:00+08:00' }), en, wednesday10)).toEqual({
      text: 'Open until 20:00',
      tone: 'open',
    })
    expect(statusLine(place({ open_now: true, closes_at: '2026-11-25T20:00:00+08:00' }), zh, wednesday10).text).toBe(
      '营业中，至 20:00',
    )
  })

  it('says when a closed place opens: today by time, tomorrow or a weekday otherwise', () => {
    expect(statusLine(place({ open_now: false, opens_at: '2026-11-25T14:00:00+08:00' }), en, wednesday10).text).toBe(
      'Closed, opens 14:00',
    )
    expect(statusLine(place({ open_now: false, opens_at: '2026-11-26T08:00:00+08:00' }), en, wednesday10).text).toBe(
      'Closed, opens tomorrow 08:00',
    )
    expect(statusLine(place({ open_now: false, opens_at: '2026-11-30T08:00:00+08:00' }), zh, wednesday10).text).toBe(
      '已关闭，周一 08:00 开门',
    )
  })

  it('puts a temporary closure before the weekly hours, and admits unknown hours', () => {
    expect(statusLine(place({ status: 'temporarily_closed', open_now: true }), en, wednesday10)).toEqual({
      text: 'Temporarily closed',
      tone: 'closed',
    })
    expect(statusLine(place({}), en, wednesday10).tone).toBe('unknown')
  })

  it('judges "today" in Shanghai, not in the browser time zone', () => {
    const lateUtc = new Date('2026-11-25T17:00:00Z') // 01:00 on Thursday in Shanghai
    expect(statusLine(place({ open_now: false, opens_at: '2026-11-26T08:00:00+08:00' }), en, lateUtc).text).toBe(
      'Closed, opens 08:00',
    )
  })
})

describe('hours', () => {
  it('writes spans past midnight as the next morning', () => {
    expect(formatInterval(['08:00', '20:00'])).toBe('08:00–20:00')
    expect(formatInterval(['22:00', '26:30'])).toBe('22:00–02:30 (+1)')
  })

  it('lists the week from Monday, marks today and says closed for empty days', () => {
    const rows = weeklyRows(
      {
        weekly: {
          mo: [
            ['08:00', '12:00'],
            ['13:00', '17:00'],
          ],
          we: [['07:00', '23:00']],
        },
      },
      en,
      wednesday10,
    )
    expect(rows.map((r) => r.label)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
    expect(rows[0]!.text).toBe('08:00–12:00, 13:00–17:00')
    expect(rows[1]!.text).toBe('Closed')
    expect(rows.filter((r) => r.isToday).map((r) => r.key)).toEqual(['we'])
  })

  it('shows upcoming exceptions soonest first with their note, and drops past ones', () => {
    const rows = upcomingExceptions(
      {
        weekly: {},
        exceptions: [
          { date: '2027-01-01', intervals: [], note_zh: '元旦', note_en: "New Year's Day" },
          { date: '2026-11-01', intervals: [] },
          { date: '2026-12-24', intervals: [['09:00', '12:00']] },
        ],
      },
      en,
      wednesday10,
    )
    expect(rows.map((r) => [r.label, r.text, r.note])).toEqual([
      ['24 Dec 2026', '09:00–12:00', undefined],
      ['1 Jan 2027', 'Closed', "New Year's Day"],
    ])
  })
})

describe('distance and dates', () => {
  it('rounds metres to tens and switches to kilometres', () => {
    expect(formatDistance(347, en)).toBe('350 m')
    expect(formatDistance(3, en)).toBe('10 m')
    expect(formatDistance(3000, zh)).toBe('3.0 公里')
    expect(formatDistance(12_345, en)).toBe('12 km')
  })

  it('writes dates in Shanghai local time', () => {
    expect(formatDate('2026-11-24T18:00:00Z', zh)).toBe('2026年11月25日')
    expect(formatDate('2026-11-24T18:00:00Z', en)).toBe('25 Nov 2026')
  })
})
