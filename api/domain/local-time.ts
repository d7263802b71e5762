/**
 * The service's local time is Asia/Shanghai. China has kept a fixed UTC+08:00 offset with no daylight saving
 * since 1991, so a constant offset is exact for any date the service handles, and it needs no time-zone data
 * (none on some runtimes) and never depends on the server's TZ.
 */
export const SERVICE_UTC_OFFSET_MINUTES = 8 * 60
const MINUTE_MS = 60_000
const DAY_MINUTES = 1440

export interface LocalTime {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string
  /** Minutes since local midnight, 0–1439. */
  minute: number
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  isoWeekday: number
}

/**
 * The last instant asked for and its answer: one request asks for the same instant once per place it shows, and
 * the date arithmetic below showed in the search's CPU profile. Frozen, as it is shared.
 */
let lastInstant = Number.NaN
let lastLocal: LocalTime | undefined

export function toLocalTime(instant: Date): LocalTime {
  const time = instant.getTime()
  if (time === lastInstant && lastLocal) return lastLocal
  const shifted = new Date(time + SERVICE_UTC_OFFSET_MINUTES * MINUTE_MS)
  const date = shifted.toISOString().slice(0, 10)
  const minute = shifted.getUTCHours() * 60 + shifted.getUTCMinutes()
  const isoWeekday = ((shifted.getUTCDay() + 6) % 7) + 1
  lastLocal = Object.freeze({ date, minute, isoWeekday })
  lastInstant = time
  return lastLocal
}

/** Answers of pure date functions by argument, emptied when full (they are asked about the few dates near now). */
function memo<R>(limit: number, compute: (key: string) => R): (key: string) => R {
  const known = new Map<string, R>()
  return (key) => {
    let value = known.get(key)
    if (value === undefined) {
      if (known.size >= limit) known.clear()
      value = compute(key)
      known.set(key, value)
    }
    return value
  }
}

const dayNumber = memo(1024, (date) => Date.parse(`${date}T00:00:00Z`) / (DAY_MINUTES * MINUTE_MS))
const dateOfDay = memo(1024, (day) => new Date(Number(day) * DAY_MINUTES * MINUTE_MS).toISOString().slice(0, 10))

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return days === 0 ? date : dateOfDay(String(dayNumber(date) + days))
}

export function isoWeekdayOf(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1
}

/** `minuteOffset` minutes after local midnight of `date`, as ISO 8601 with the +08:00 offset. */
export function localIso(date: string, minuteOffset: number): string {
  const days = Math.floor(minuteOffset / DAY_MINUTES)
  const minute = minuteOffset - days * DAY_MINUTES
  const hh = String(Math.floor(minute / 60)).padStart(2, '0')
  const mm = String(minute % 60).padStart(2, '0')
  return `${addDays(date, days)}T${hh}:${mm}:00+08:00`
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false
  const t = Date.parse(`${date}T00:00:00Z`)
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === date
}
