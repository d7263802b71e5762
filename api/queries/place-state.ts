import { sql } from 'kysely'
import { addDays, toLocalTime } from '../domain/local-time.js'
import { WINDOW_MS } from '../domain/confirmations.js'
import type { HolidayCalendar } from '../domain/opening-hours.js'

/**
 * What changes with the instant, as SQL over `place AS p`: open now (hours, holidays, status, public
 * confirmations) and the amenities in order. (Staffed or self-service only describes a place, it filters nothing,
 * so TypeScript works it out: staffingNow.) All evaluated at the request's instant, in the
 * service's local time, so they can filter before LIMIT.
 */
export function placeStateAt(now: Date, calendar: HolidayCalendar) {
  // A request asks twice (its columns and its filters) for the same instant: built once.
  if (last && last.time === now.getTime() && last.calendar === calendar) return last.state
  const state = buildPlaceState(now, calendar)
  last = { time: now.getTime(), calendar, state }
  return state
}
let last: { time: number; calendar: HolidayCalendar; state: ReturnType<typeof buildPlaceState> } | undefined

function buildPlaceState(now: Date, calendar: HolidayCalendar) {
  const local = toLocalTime(now)
  const weekMinute = (local.isoWeekday - 1) * 1440 + local.minute
  const nearDates = [local.date, addDays(local.date, -1)]
  // The calendar days of today and yesterday go in as constants (the caller read the calendar once for the
  // request): on an ordinary day the planner folds the holiday branch away, and nothing is looked up per query.
  const kinds = nearDates.map((d) => calendar.get(d) ?? null)
  const nearKinds = sql<string[]>`${sql.val(kinds)}::text[]`
  const nearHoliday = sql<boolean>`${kinds.some((k) => k !== null)}::boolean`
  const hoursOpen = sql<boolean | null>`place_open_now(p.status, p.status_until, p.opening_hours, p.open_week,
    p.exception_dates, p.holiday_rule, ${local.date}::date, ${local.minute}::integer, ${weekMinute}::integer,
    ${sql.val(nearDates)}::text[], ${nearHoliday}, ${nearKinds})`
  // Only a place with a confirmation in the last 24 hours is weighed (last_confirmed_at is on the row).
  const likelyClosed = sql<boolean>`(CASE WHEN p.last_confirmed_at > ${new Date(now.getTime() - WINDOW_MS)}::timestamptz
    THEN place_likely_closed(p.id, p.last_verified_at, ${now}::timestamptz) ELSE false END)`
  return {
    likelyClosed,
    /** Likely closed by the public's confirmations → not open, whatever the hours say. */
    openNow: sql<boolean | null>`(CASE WHEN ${likelyClosed} THEN false ELSE ${hoursOpen} END)`,
    /** The place has all these amenities, and none of them is out of order today. */
    hasWorkingAmenities: (codes: string[]) =>
      sql<boolean>`(p.amenities @> ${sql.val(codes)}::text[] AND (p.amenity_status = '{}'::jsonb
        OR NOT amenities_out_of_order(p.amenity_status, ${local.date}) && ${sql.val(codes)}::text[]))`,
  }
}
