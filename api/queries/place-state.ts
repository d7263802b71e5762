import { sql, type RawBuilder } from 'kysely'
import { addDays, toLocalTime } from '../domain/local-time.js'
import { WINDOW_MS } from '../domain/confirmations.js'
import { AMENITY_CODES } from '../domain/amenities.js'
import type { HolidayCalendar } from '../domain/opening-hours.js'

/** Every amenity bitmask (migration 0040's amenity_bits) that has all these codes' bits: the supersets of theirs. */
export function amenitySupersets(codes: readonly string[]): number[] {
  let mask = 0
  for (const code of codes) {
    const i = AMENITY_CODES.indexOf(code as (typeof AMENITY_CODES)[number])
    if (i < 0) throw new Error(`not an amenity code: ${code}`)
    mask |= 1 << i
  }
  const all = (1 << AMENITY_CODES.length) - 1
  const sets: number[] = []
  // Walks the subsets of the other bits (s = (s - 1) & free), each joined with the mask, in descending order.
  const free = all & ~mask
  for (let s = free; ; s = (s - 1) & free) {
    sets.push(s | mask)
    if (s === 0) break
  }
  return sets.reverse()
}

/**
 * What changes with the instant, as SQL over `place AS p`: open now (hours, holidays, status, public
 * confirmations) and the amenities in order. (Staffed or self-service only describes a place, it filters nothing,
 * so TypeScript works it out: staffingNow.) All evaluated at the request's instant, in the
 * service's local time, so they can filter before LIMIT.
 */
export function placeStateAt(now: Date, calendar: HolidayCalendar) {
  // A request asks twice (its columns and its filters) for the same instant: built once.
  if (last && last.time === now.getTime() && last.calendar === calendar) return last.state
  const values = placeStateValues(now, calendar)
  const state = buildPlaceState(values, values.nearHoliday)
  last = { time: now.getTime(), calendar, state }
  return state
}
let last: { time: number; calendar: HolidayCalendar; state: PlaceState } | undefined
export type PlaceState = ReturnType<typeof buildPlaceState>

/** The values the state's SQL reads at an instant: the service's local date and time, and the calendar near it. */
export function placeStateValues(now: Date, calendar: HolidayCalendar) {
  const local = toLocalTime(now)
  const nearDates = [local.date, addDays(local.date, -1)]
  // The calendar days of today and yesterday go in as constants (the caller read the calendar once for the
  // request): on an ordinary day the planner folds the holiday branch away, and nothing is looked up per query.
  const nearKinds = nearDates.map((d) => calendar.get(d) ?? null)
  return {
    now,
    date: local.date,
    minute: local.minute,
    /** Minutes since Monday 00:00 local time: open_week contains it when the weekly hours are open now. */
    weekMinute: (local.isoWeekday - 1) * 1440 + local.minute,
    nearDates,
    nearKinds,
    nearHoliday: nearKinds.some((k) => k !== null),
    /** Only a place with a confirmation in the last 24 hours is weighed (last_confirmed_at is on the row). */
    confirmedAfter: new Date(now.getTime() - WINDOW_MS),
  }
}
type PlaceStateValues = ReturnType<typeof placeStateValues>

/**
 * The state's SQL over `values`, which it only places in the SQL (as parameters), never computes with, so it can
 * be built over a statement template's slots too (statement-template.ts). `nearHoliday` is values.nearHoliday as a
 * plain boolean: near a holiday the SQL takes another form.
 */
export function buildPlaceState(values: PlaceStateValues, nearHoliday: boolean) {
  const { date, minute, weekMinute, now, confirmedAfter } = values
  const nearKinds = sql<string[]>`${sql.val(values.nearKinds)}::text[]`
  const hoursArgs = sql`${date}::date, ${minute}::integer, ${weekMinute}::integer,
    ${sql.val(values.nearDates)}::text[], ${values.nearHoliday}::boolean, ${nearKinds}`
  const hoursOpen = sql<boolean | null>`place_open_now(p.status, p.status_until, p.opening_hours, p.open_week,
    p.exception_dates, p.holiday_rule, ${hoursArgs})`
  const likelyClosed = sql<boolean>`(CASE WHEN p.last_confirmed_at > ${confirmedAfter}::timestamptz
    THEN place_likely_closed(p.id, p.last_verified_at, ${now}::timestamptz) ELSE false END)`
  const codes = (list: readonly string[]) => sql`${sql.val(list)}::text[]`
  const noOutage = (list: readonly string[]) =>
    sql<boolean>`(p.amenity_status = '{}'::jsonb OR NOT amenities_out_of_order(p.amenity_status, ${date}) && ${codes(list)})`
  // Open now by a timetable of the kept counts (place_week AS w, migration 0044): its weekly hours, or near a
  // holiday its holiday rule where it has one.
  const timetableOpen = nearHoliday
    ? sql<boolean>`(CASE WHEN w.holiday_hours = 'null'::jsonb THEN w.open_week @> ${weekMinute}::int
        ELSE hours_open_at(w.holiday_hours, ${date}::date, ${minute}::integer, ${nearKinds}) END)`
    : sql<boolean>`w.open_week @> ${weekMinute}::int`
  // The timetables with open now, as a query's CTE (`timetable`) or a subquery: near a holiday each reference of
  // place_week would plan hours_open_at again (~0.7 ms a time on this machine).
  const timetables = sql`(SELECT w.id, w.open_week, w.holiday_hours, ${timetableOpen} AS open FROM place_week AS w)`
  // The weekly hours whose holiday rules all agree now (0044's place_open_now_filter): read once per query.
  const agreedWeeks = (from: RawBuilder<unknown>) => {
    if (!nearHoliday) return sql`'{}'::int4multirange[], '{}'::int4multirange[]`
    const weeks = (agree: RawBuilder<boolean>) =>
      sql`ARRAY(SELECT t.open_week FROM ${from} AS t WHERE t.holiday_hours <> 'null'::jsonb
          GROUP BY t.open_week HAVING ${agree})`
    return sql`${weeks(sql`bool_and(t.open)`)}, ${weeks(sql`NOT bool_or(t.open)`)}`
  }
  /** The index's forms (see `indexed`), reading the timetables from `from`. */
  const indexedForms = (from: RawBuilder<unknown>) => ({
    openNow: sql<boolean>`(CASE WHEN ${likelyClosed} THEN false ELSE place_open_now_filter(p.id, p.status, p.status_until,
        p.open_week, p.exception_dates, p.holiday_rule, ${hoursArgs}, ${agreedWeeks(from)}) END)`,
    // Computes the supersets from the list: a statement template cannot hold this form over a slot.
    hasWorkingAmenities: (list: readonly string[]) =>
      sql<boolean>`(p.amenity_bits = ANY(${sql.val(amenitySupersets(list))}::integer[]) AND ${noOutage(list)})`,
  })
  return {
    /** Open now by the hours and status alone, before the public's confirmations are weighed. */
    hoursOpen,
    /** Only places confirmed after this instant can be likely closed. */
    confirmedAfter,
    likelyClosed,
    /** Likely closed by the public's confirmations → not open, whatever the hours say. */
    openNow: sql<boolean | null>`(CASE WHEN ${likelyClosed} THEN false ELSE ${hoursOpen} END)`,
    /** The place has all these amenities, and none of them is out of order today. */
    hasWorkingAmenities: (list: readonly string[]) => sql<boolean>`(p.amenities @> ${codes(list)} AND ${noOutage(list)})`,
    /**
     * The same two filters from the columns of the covering index place_filter_idx (migration 0040) alone, so a
     * query that reads nothing else is an index-only scan: the amenities as one of the supersets of their bits, and
     * open now as place_open_now_filter, which is true exactly when openNow is true (false where openNow is NULL,
     * the same to IS TRUE and IS NOT TRUE). Near a holiday it decides a place with a holiday rule by its weekly
     * hours where every holiday rule kept with them agrees (migration 0044), and reads the hours of the rest.
     */
    indexed: indexedForms(timetables),
    /** The timetables of the kept counts with their open now (id, open_week, holiday_hours, open): a CTE's body. */
    timetables,
    /** `indexed`, reading the timetables from a CTE of the query's (`WITH name AS (state.timetables)`). */
    indexedWith: indexedForms,
  }
}
