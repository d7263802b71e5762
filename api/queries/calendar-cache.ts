import type { Db } from '../db/schema.js'
import { loadCalendarWindow, type CalendarWindow } from './holidays.js'

/**
 * The holiday calendar window around a local date, read once per `ttlMs` instead of once per request: it changes
 * a few times a year, and every search needs it before its own query, so reading it each time cost a second
 * round trip per search. A calendar import through this app clears it at once; another instance (a second
 * process, another Worker isolate) sees the import within `ttlMs`.
 */
export interface CalendarCache {
  window(db: Db, date: string): Promise<CalendarWindow>
  clear(): void
}

export function createCalendarCache(ttlMs = 30_000, clock: () => number = Date.now): CalendarCache {
  let entries = new Map<string, { at: number; window: Promise<CalendarWindow> }>()
  return {
    window(db, date) {
      const now = clock()
      const hit = entries.get(date)
      if (hit && now - hit.at < ttlMs) return hit.window
      const window = loadCalendarWindow(db, date)
      // A date no request asks for any more (yesterday) goes with the next miss; the map stays a few entries.
      if (entries.size > 8) entries = new Map()
      entries.set(date, { at: now, window })
      // A failed read is not kept: the next request tries again.
      window.catch(() => entries.get(date)?.window === window && entries.delete(date))
      return window
    },
    clear() {
      entries = new Map()
    },
  }
}
