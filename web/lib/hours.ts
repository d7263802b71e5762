/** The weekly hours table and the upcoming dated exceptions, as plain rows for the details view. */
import type { DayKey, Interval, OpeningHours } from '../api.js'
import type { I18n } from '../i18n/index.js'
import { dayName, formatDate, isoWeekday, shanghaiDate } from './format.js'

const DAY_KEYS: DayKey[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']
const MAX_EXCEPTIONS = 8

/** `["22:00","26:00"]` → `22:00–02:00 (+1)`: times past 24:00 belong to the next morning. */
export function formatInterval([opens, closes]: Interval): string {
  const [h, m] = closes.split(':').map(Number)
  if ((h ?? 0) < 24) return `${opens}–${closes}`
  const hh = String((h ?? 0) - 24).padStart(2, '0')
  return `${opens}–${hh}:${String(m ?? 0).padStart(2, '0')} (+1)`
}

export function formatIntervals(intervals: Interval[] | undefined, i18n: I18n): string {
  if (!intervals?.length) return i18n.t('closedAllDay')
  return intervals.map(formatInterval).join(', ')
}

export interface HoursRow {
  key: string
  label: string
  text: string
  isToday: boolean
  note?: string
}

export function weeklyRows(hours: OpeningHours, i18n: I18n, now: Date): HoursRow[] {
  const today = isoWeekday(shanghaiDate(now))
  return DAY_KEYS.map((key, index) => ({
    key,
    label: dayName(index + 1, i18n),
    text: formatIntervals(hours.weekly[key], i18n),
    isToday: index + 1 === today,
  }))
}

/** Exceptions from today on, soonest first. */
export function upcomingExceptions(hours: OpeningHours, i18n: I18n, now: Date): HoursRow[] {
  const today = shanghaiDate(now)
  return (hours.exceptions ?? [])
    .filter((e) => e.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, MAX_EXCEPTIONS)
    .map((e) => {
      const note = i18n.pick(e.note_zh, e.note_en)
      return {
        key: e.date,
        label: formatDate(`${e.date}T12:00:00+08:00`, i18n),
        text: formatIntervals(e.intervals, i18n),
        isToday: e.date === today,
        ...(note ? { note } : {}),
      }
    })
}
