import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { recordStaffAudit, type Actor } from './staff-audit.js'
import { addDays } from '../domain/local-time.js'
import type { DayKind, HolidayCalendar } from '../domain/opening-hours.js'

export interface CalendarDay {
  date: string
  kind: DayKind
  name_zh: string
  name_en: string
}

/** Days before and after the local date an open state can depend on: yesterday's late spans, a week of openings. */
export const CALENDAR_WINDOW = { before: 1, after: 14 } as const

/** The calendar days from `date - before` to `date + after`, as a map for the hours functions and as rows. */
export async function loadCalendarWindow(db: Db, date: string) {
  const rows = await db
    .selectFrom('holiday_calendar')
    .select([sql<string>`date::text`.as('date'), 'kind', 'name_zh', 'name_en'])
    .where('date', '>=', addDays(date, -CALENDAR_WINDOW.before))
    .where('date', '<=', addDays(date, CALENDAR_WINDOW.after))
    .orderBy('date')
    .execute()
  const kinds: HolidayCalendar = new Map(rows.map((r) => [r.date, r.kind]))
  return { kinds, days: rows as CalendarDay[] }
}
export type CalendarWindow = Awaited<ReturnType<typeof loadCalendarWindow>>

export async function listCalendarYear(db: Db, year: number) {
  return db
    .selectFrom('holiday_calendar')
    .select([sql<string>`date::text`.as('date'), 'kind', 'name_zh', 'name_en', 'source'])
    .where('date', '>=', inYear(year)[0])
    .where('date', '<=', inYear(year)[1])
    .orderBy('date')
    .execute()
}

/** Years in the calendar with their number of holidays and make-up workdays. */
export async function listCalendarYears(db: Db) {
  const rows = await db
    .selectFrom('holiday_calendar')
    .select([
      sql<number>`extract(year FROM date)::integer`.as('year'),
      sql<number>`count(*) FILTER (WHERE kind = 'holiday')::integer`.as('holidays'),
      sql<number>`count(*) FILTER (WHERE kind = 'makeup_workday')::integer`.as('makeup_workdays'),
    ])
    .groupBy(sql`extract(year FROM date)`)
    .orderBy('year')
    .execute()
  return rows
}

const inYear = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const

/**
 * Replaces what the calendar says for `years` (each written whole: a later notice from the State Council
 * supersedes the earlier one) with `days`, and records each year's days before and after with who did it
 * (staff_audit, subject `holidays:<year>`), all in one transaction. A year whose days do not change is left alone (no audit entry). Returns the years changed.
 */
export async function replaceCalendarYears(
  db: Db,
  years: number[],
  days: CalendarDay[],
  by: Actor & { source: string },
  now: Date,
): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const changed: number[] = []
    for (const year of years) {
      const [from, to] = inYear(year)
      const before = await trx
        .selectFrom('holiday_calendar')
        .select([sql<string>`date::text`.as('date'), 'kind', 'name_zh', 'name_en'])
        .where('date', '>=', from)
        .where('date', '<=', to)
        .orderBy('date')
        .execute()
      const after = days.filter((d) => d.date >= from && d.date <= to)
      if (JSON.stringify(before) === JSON.stringify(after)) continue
      await trx.deleteFrom('holiday_calendar').where('date', '>=', from).where('date', '<=', to).execute()
      if (after.length)
        await trx
          .insertInto('holiday_calendar')
          .values(after.map((d) => ({ ...d, source: by.source, updated_at: now })))
          .execute()
      await recordStaffAudit(trx, {
        actor: by,
        action: 'holiday_year_replace',
        subject: `holidays:${year}`,
        changes: { days: { before, after } },
        now,
      })
      changed.push(year)
    }
    return changed
  })
}

export async function calendarHistory(db: Db, year: number) {
  const rows = await db
    .selectFrom('staff_audit')
    .select(['id', 'username', 'at', 'changes'])
    .where('subject', '=', `holidays:${year}`)
    .orderBy('id', 'desc')
    .limit(100)
    .execute()
  const count = (days: unknown) => (Array.isArray(days) ? days.length : 0)
  return rows.map((r) => ({
    id: String(r.id),
    username: r.username,
    at: new Date(r.at).toISOString(),
    before: count(r.changes.days?.before),
    after: count(r.changes.days?.after),
  }))
}
