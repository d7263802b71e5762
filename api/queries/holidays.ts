import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
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
    .select([sql<string>`date::text`.as('date'), 'kind', 'name_zh', 'name_en', 'source', 'updated_at'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
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

/**
 * Replaces what the calendar says for each year the days belong to: a year is written whole (a later notice
 * from the State Council supersedes the earlier one), in one transaction. Returns the years written.
 */
export async function replaceCalendarYears(db: Db, days: CalendarDay[], source: string, now: Date): Promise<number[]> {
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort()
  await db.transaction().execute(async (trx) => {
    for (const year of years)
      await trx.deleteFrom('holiday_calendar').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute()
    if (days.length)
      await trx
        .insertInto('holiday_calendar')
        .values(days.map((d) => ({ ...d, source, updated_at: now })))
        .execute()
  })
  return years
}

export async function deleteCalendarYear(db: Db, year: number): Promise<number> {
  const result = await db
    .deleteFrom('holiday_calendar')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
