import { addDays, isoWeekdayOf, localIso, toLocalTime } from './local-time.js'

/** Days in ISO order, as keys of the weekly pattern (the OpenStreetMap abbreviations). */
export const DAY_KEYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const
export type DayKey = (typeof DAY_KEYS)[number]

/**
 * `[opens, closes]` as `HH:MM`. `closes` is later than `opens`; past midnight it runs on past 24:00
 * (`["22:00","26:00"]` closes at 02:00 the next day), as GTFS does, so "closes before it opens" is always an error.
 */
export type Interval = [string, string]
export interface HoursException {
  date: string
  /** Empty: closed all day (a public holiday). */
  intervals: Interval[]
  note_zh?: string | undefined
  note_en?: string | undefined
}
/** What a place does on a public holiday: its usual weekly hours, closed, or these intervals. */
export type HolidayRule = 'as_usual' | 'closed' | Interval[]
export interface OpeningHours {
  weekly: Partial<Record<DayKey, Interval[]>>
  exceptions?: HoursException[] | undefined
  /** Default `as_usual`. When not as_usual, a make-up workday (调休) opens with Monday's hours. */
  holidays?: HolidayRule | undefined
}

/** A day of China's public-holiday calendar (table holiday_calendar). */
export type DayKind = 'holiday' | 'makeup_workday'
/** The calendar around an instant: date → kind; a date not in it is an ordinary day. */
export type HolidayCalendar = ReadonlyMap<string, DayKind>
export const NO_HOLIDAYS: HolidayCalendar = new Map()

export type PlaceStatus = 'open' | 'temporarily_closed' | 'closed'
export interface OpenState {
  /** null when the hours are unknown. */
  open_now: boolean | null
  /** When the current opening ends (ISO, +08:00); null when open round the clock or not open. */
  closes_at: string | null
  /** When it next opens within a week (ISO, +08:00); null when open now or no opening is known. */
  opens_at: string | null
}

const DAY = 1440
/** How far ahead (days) to look for the next opening or closing. */
const HORIZON_DAYS = 8

const minutesOf = new Map<string, number>()

/** `HH:MM` → minutes (kept: every place in every list has its hours read, from a few hundred distinct times). */
export function hhmmToMinutes(value: string): number {
  let minutes = minutesOf.get(value)
  if (minutes === undefined) {
    const [h, m] = value.split(':')
    minutes = Number(h) * 60 + Number(m)
    if (minutesOf.size >= 4096) minutesOf.clear()
    minutesOf.set(value, minutes)
  }
  return minutes
}

/** The rule `hours_intervals_on` implements in SQL: a dated exception, else the holiday rule, else the week. */
function intervalsFor(hours: OpeningHours, date: string, weekday: number, calendar: HolidayCalendar, exception?: Interval[]) {
  if (exception) return exception
  const kind = calendar.size ? calendar.get(date) : undefined
  const rule = hours.holidays ?? 'as_usual'
  if (kind && rule !== 'as_usual') {
    if (kind === 'makeup_workday') return hours.weekly.mo ?? []
    return rule === 'closed' ? [] : rule
  }
  return hours.weekly[DAY_KEYS[weekday]!] ?? []
}

export function intervalsOn(hours: OpeningHours, date: string, calendar: HolidayCalendar): Interval[] {
  const exception = hours.exceptions?.find((e) => e.date === date)?.intervals
  return intervalsFor(hours, date, isoWeekdayOf(date) - 1, calendar, exception)
}

/** Openings from the day before `date` to the horizon, as merged [start, end) minutes from `date`'s midnight. */
function openingsAround(hours: OpeningHours, date: string, calendar: HolidayCalendar): Array<[number, number]> {
  // Runs for every place in every list: weekdays by arithmetic, dates formatted only for exceptions or holidays.
  const firstDay = isoWeekdayOf(date) - 1
  const exceptions = hours.exceptions?.length ? new Map(hours.exceptions.map((e) => [e.date, e.intervals])) : undefined
  const datesMatter = exceptions !== undefined || ((hours.holidays ?? 'as_usual') !== 'as_usual' && calendar.size > 0)
  const spans: Array<[number, number]> = []
  for (let day = -1; day <= HORIZON_DAYS; day++) {
    const weekday = (firstDay + day + 7) % 7
    const on = datesMatter ? addDays(date, day) : ''
    const intervals = datesMatter
      ? intervalsFor(hours, on, weekday, calendar, exceptions?.get(on))
      : (hours.weekly[DAY_KEYS[weekday]!] ?? [])
    for (const [opens, closes] of intervals) spans.push([day * DAY + hhmmToMinutes(opens), day * DAY + hhmmToMinutes(closes)])
  }
  spans.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1])
    else merged.push([span[0], span[1]])
  }
  return merged
}

/**
 * openingsAround, kept per timetable for hours read from PostgreSQL (api/db/shared-json.ts hands out one frozen
 * object per distinct timetable): a search's places mostly share a few timetables. Hours that can still change
 * (not frozen) are worked out each time.
 */
const openingsKept = new WeakMap<OpeningHours, { date: string; calendar: HolidayCalendar; openings: Array<[number, number]> }>()
function sharedOpenings(hours: OpeningHours, date: string, calendar: HolidayCalendar): ReadonlyArray<readonly [number, number]> {
  if (!Object.isFrozen(hours)) return openingsAround(hours, date, calendar)
  const kept = openingsKept.get(hours)
  if (kept && kept.date === date && kept.calendar === calendar) return kept.openings
  const openings = openingsAround(hours, date, calendar)
  openingsKept.set(hours, { date, calendar, openings })
  return openings
}

/** Whether the hours are open at a local date and minute: the rule `hours_open_at` implements in SQL. */
export function hoursOpenAt(hours: OpeningHours, date: string, minute: number, calendar: HolidayCalendar): boolean {
  const contains = (intervals: Interval[], offset: number) =>
    intervals.some(([o, c]) => hhmmToMinutes(o) + offset <= minute && minute < hhmmToMinutes(c) + offset)
  return contains(intervalsOn(hours, date, calendar), 0) || contains(intervalsOn(hours, addDays(date, -1), calendar), -DAY)
}

export function placeOpenState(
  place: { status: PlaceStatus; status_until: string | null; opening_hours: OpeningHours | null },
  now: Date,
  calendar: HolidayCalendar,
): OpenState {
  const local = toLocalTime(now)
  const closedByStatus =
    place.status === 'closed' ||
    (place.status === 'temporarily_closed' && (place.status_until === null || place.status_until >= local.date))
  if (closedByStatus) return { open_now: false, closes_at: null, opens_at: null }
  if (!place.opening_hours) return { open_now: null, closes_at: null, opens_at: null }

  const openings = sharedOpenings(place.opening_hours, local.date, calendar)
  const current = openings.find(([start, end]) => start <= local.minute && local.minute < end)
  if (current) {
    const roundTheClock = current[1] >= HORIZON_DAYS * DAY
    return { open_now: true, closes_at: roundTheClock ? null : localIso(local.date, current[1]), opens_at: null }
  }
  const next = openings.find(([start]) => start > local.minute)
  return { open_now: false, closes_at: null, opens_at: next ? localIso(local.date, next[0]) : null }
}

/** Whether someone is on duty now, for a place that is open: staffed hours unknown → null. */
export function staffingNow(
  staffedHours: OpeningHours | null,
  openNow: boolean | null,
  now: Date,
  calendar: HolidayCalendar,
): 'staffed' | 'self_service' | null {
  if (openNow !== true || !staffedHours) return null
  const local = toLocalTime(now)
  return hoursOpenAt(staffedHours, local.date, local.minute, calendar) ? 'staffed' : 'self_service'
}

export interface DayHours {
  date: string
  /** What applies that day, after exceptions and the holiday rule. */
  intervals: Interval[]
  /** The staffed intervals that day; null when the place has no staffed hours. */
  staffed: Interval[] | null
  /** Why the day differs from the weekly pattern, if it does. */
  reason: 'exception' | 'holiday' | 'makeup_workday' | null
}

/** The coming `days` days from `date` as they will really be (the week view). */
export function daysAhead(
  hours: OpeningHours,
  staffedHours: OpeningHours | null,
  date: string,
  calendar: HolidayCalendar,
  days = 7,
): DayHours[] {
  return Array.from({ length: days }, (_, i) => {
    const on = addDays(date, i)
    const kind = calendar.get(on)
    const exception = hours.exceptions?.some((e) => e.date === on)
    const ruled = kind !== undefined && (hours.holidays ?? 'as_usual') !== 'as_usual'
    return {
      date: on,
      intervals: intervalsOn(hours, on, calendar),
      staffed: staffedHours ? intervalsOn(staffedHours, on, calendar) : null,
      reason: exception ? 'exception' : ruled ? kind : null,
    }
  })
}
