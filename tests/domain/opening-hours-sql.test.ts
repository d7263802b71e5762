import fc from 'fast-check'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../api/domain/local-time.js'
import {
  DAY_KEYS,
  hoursOpenAt,
  placeOpenState,
  staffingNow,
  type HolidayCalendar,
  type Interval,
  type OpeningHours,
} from '../../api/domain/opening-hours.js'
import { placeStateAt } from '../../api/queries/place-state.js'
import { testDatabase } from '../helpers/test-db.js'

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
const interval = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
  .map(([opens, length]): Interval => [hhmm(opens), hhmm(opens + length)])
const days = fc.record(Object.fromEntries(DAY_KEYS.map((d) => [d, fc.array(interval, { maxLength: 3 })])), { requiredKeys: [] })
/** Ordinary late-November days, and the days around Spring Festival and National Day 2026 (holidays, 调休). */
const date = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((n) => addDays('2026-11-20', n)),
  fc.integer({ min: 0, max: 20 }).map((n) => addDays('2026-02-10', n)),
  fc.integer({ min: 0, max: 16 }).map((n) => addDays('2026-09-26', n)),
)
const holidays = fc.option(
  fc.oneof(fc.constantFrom('as_usual' as const, 'closed' as const), fc.array(interval, { maxLength: 2 })),
  {
    nil: undefined,
  },
)
const hours: fc.Arbitrary<OpeningHours> = fc
  .record({
    weekly: days,
    exceptions: fc.uniqueArray(fc.record({ date, intervals: fc.array(interval, { maxLength: 2 }) }), {
      maxLength: 3,
      selector: (e) => e.date,
    }),
    holidays,
  })
  .map(({ holidays: rule, ...h }) => (rule === undefined ? h : { ...h, holidays: rule }))
const status = fc.constantFrom<'open' | 'temporarily_closed' | 'closed'>('open', 'temporarily_closed', 'closed')
const minute = fc.integer({ min: 0, max: 1439 })
const instant = (d: string, m: number) => new Date(Date.parse(`${d}T00:00:00+08:00`) + m * 60_000)
const json = (h: OpeningHours | null) => (h === null ? null : JSON.stringify(h))

/** The calendar as the database has it (the seeded 2025–2026 rows), for the TypeScript side. */
let calendar: HolidayCalendar
beforeAll(async () => {
  const { db } = await testDatabase()
  const rows = await db
    .selectFrom('holiday_calendar')
    .select([sql<string>`date::text`.as('date'), 'kind'])
    .execute()
  calendar = new Map(rows.map((r) => [r.date, r.kind]))
})

/** The expressions the place queries use (placeStateAt), over one place given as values. */
async function stateInSql(h: OpeningHours | null, s: string, until: string | null, now: Date) {
  const { db } = await testDatabase()
  const state = placeStateAt(now, calendar)
  const { rows } = await sql<{ open: boolean | null }>`
    SELECT ${state.openNow} AS open
      FROM (SELECT 'p-1'::text AS id, ${s}::text AS status, ${until}::date AS status_until, ${json(h)}::jsonb AS opening_hours,
                   hours_week_ranges(${json(h)}::jsonb) AS open_week, hours_exception_dates(${json(h)}::jsonb) AS exception_dates,
                   coalesce(${json(h)}::jsonb -> 'holidays', '"as_usual"') <> '"as_usual"' AS holiday_rule,
                   NULL::timestamptz AS last_confirmed_at, NULL::timestamptz AS last_verified_at) AS p`.execute(db)
  return rows[0]!
}

describe('opening hours in SQL and in TypeScript', () => {
  it('agree on open/closed for any hours, holiday rule, date and minute (the calendar read from its table)', async () => {
    const { db } = await testDatabase()
    await fc.assert(
      fc.asyncProperty(hours, date, minute, async (h, d, m) => {
        const { rows } = await sql<{
          open: boolean
        }>`SELECT hours_open_at(${JSON.stringify(h)}::jsonb, ${d}::date, ${m}) AS open`.execute(db)
        expect(rows[0]!.open).toBe(hoursOpenAt(h, d, m, calendar))
      }),
      { numRuns: 300 },
    )
  })

  it('agree through the fast path (weekly ranges; exact only near exceptions and holidays) with status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(hours, { nil: null }),
        status,
        fc.option(date, { nil: null }),
        date,
        minute,
        async (h, s, until, d, m) => {
          const now = instant(d, m)
          const { open } = await stateInSql(h, s, until, now)
          expect(open).toBe(placeOpenState({ status: s, status_until: until, opening_hours: h }, now, calendar).open_now)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('agree on staffed hours: staffed or self-service for an open place (holidays and make-up days included)', async () => {
    const { db } = await testDatabase()
    await fc.assert(
      fc.asyncProperty(hours, date, minute, async (staffed, d, m) => {
        const kinds = [calendar.get(d) ?? null, calendar.get(addDays(d, -1)) ?? null]
        const { rows } = await sql<{ staffed: boolean }>`
          SELECT hours_open_at(${JSON.stringify(staffed)}::jsonb, ${d}::date, ${m}, ${kinds}::text[]) AS staffed`.execute(db)
        expect(rows[0]!.staffed ? 'staffed' : 'self_service').toBe(staffingNow(staffed, true, instant(d, m), calendar))
      }),
      { numRuns: 200 },
    )
  })

  it('agree on the effect of status and status_until', async () => {
    const { db } = await testDatabase()
    await fc.assert(
      fc.asyncProperty(
        fc.option(hours, { nil: null }),
        status,
        fc.option(date, { nil: null }),
        date,
        minute,
        async (h, s, until, d, m) => {
          const { rows } = await sql<{ open: boolean | null }>`
          SELECT place_open_at(${s}, ${until}::date, ${json(h)}::jsonb, ${d}::date, ${m}) AS open`.execute(db)
          expect(rows[0]!.open).toBe(
            placeOpenState({ status: s, status_until: until, opening_hours: h }, instant(d, m), calendar).open_now,
          )
        },
      ),
      { numRuns: 200 },
    )
  })
})
