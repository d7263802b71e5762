import fc from 'fast-check'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { addDays, toLocalTime } from '../../api/domain/local-time.js'
import { DAY_KEYS, hoursOpenAt, placeOpenState, type Interval, type OpeningHours } from '../../api/domain/opening-hours.js'
import { testDatabase } from '../helpers/test-db.js'

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
const interval = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
  .map(([opens, length]): Interval => [hhmm(opens), hhmm(opens + length)])
const days = fc.record(Object.fromEntries(DAY_KEYS.map((d) => [d, fc.array(interval, { maxLength: 3 })])), { requiredKeys: [] })
const date = fc.integer({ min: 0, max: 20 }).map((n) => addDays('2026-11-20', n))
const hours: fc.Arbitrary<OpeningHours> = fc.record({
  weekly: days as fc.Arbitrary<OpeningHours['weekly']>,
  exceptions: fc.uniqueArray(fc.record({ date, intervals: fc.array(interval, { maxLength: 2 }) }), {
    maxLength: 3,
    selector: (e) => e.date,
  }),
})

describe('opening hours in SQL and in TypeScript', () => {
  it('agree on open/closed for any hours, date and minute', async () => {
    const { db } = await testDatabase()
    await fc.assert(
      fc.asyncProperty(hours, date, fc.integer({ min: 0, max: 1439 }), async (h, d, minute) => {
        const { rows } = await sql<{
          open: boolean
        }>`SELECT hours_open_at(${JSON.stringify(h)}::jsonb, ${d}::date, ${minute}) AS open`.execute(db)
        expect(rows[0]!.open).toBe(hoursOpenAt(h, d, minute))
      }),
      { numRuns: 300 },
    )
  })

  it('agree through the fast path (weekly ranges, exceptions only near today) too', async () => {
    const { db } = await testDatabase()
    const status = fc.constantFrom('open', 'temporarily_closed', 'closed') as fc.Arbitrary<
      'open' | 'temporarily_closed' | 'closed'
    >
    await fc.assert(
      fc.asyncProperty(
        fc.option(hours, { nil: null }),
        status,
        fc.option(date, { nil: null }),
        date,
        fc.integer({ min: 0, max: 1439 }),
        async (h, s, until, d, minute) => {
          const now = new Date(Date.parse(`${d}T00:00:00+08:00`) + minute * 60_000)
          const weekMinute = (toLocalTime(now).isoWeekday - 1) * 1440 + minute
          const json = h === null ? null : JSON.stringify(h)
          const { rows } = await sql<{ open: boolean | null }>`
          SELECT place_open_now(${s}, ${until}::date, ${json}::jsonb, hours_week_ranges(${json}::jsonb),
                 hours_exception_dates(${json}::jsonb), ${d}::date, ${minute}, ${weekMinute},
                 ${[d, addDays(d, -1)]}::text[]) AS open`.execute(db)
          expect(rows[0]!.open).toBe(placeOpenState({ status: s, status_until: until, opening_hours: h }, now).open_now)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('agree on the effect of status and status_until', async () => {
    const { db } = await testDatabase()
    const status = fc.constantFrom('open', 'temporarily_closed', 'closed') as fc.Arbitrary<
      'open' | 'temporarily_closed' | 'closed'
    >
    await fc.assert(
      fc.asyncProperty(
        fc.option(hours, { nil: null }),
        status,
        fc.option(date, { nil: null }),
        date,
        fc.integer({ min: 0, max: 1439 }),
        async (h, s, until, d, minute) => {
          const { rows } = await sql<{ open: boolean | null }>`
          SELECT place_open_at(${s}, ${until}::date, ${h === null ? null : JSON.stringify(h)}::jsonb, ${d}::date, ${minute}) AS open`.execute(
            db,
          )
          const now = new Date(Date.parse(`${d}T00:00:00+08:00`) + minute * 60_000)
          expect(rows[0]!.open).toBe(placeOpenState({ status: s, status_until: until, opening_hours: h }, now).open_now)
        },
      ),
      { numRuns: 200 },
    )
  })
})
