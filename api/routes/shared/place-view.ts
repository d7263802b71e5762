import type { Context } from 'hono'
import type { AppEnv } from '../../context.js'
import { countingConfirmations } from '../../domain/confirmations.js'
import { toLocalTime } from '../../domain/local-time.js'
import { staffingNow, type HolidayCalendar } from '../../domain/opening-hours.js'
import { recentlyConfirmed, toDetailFeature, toSummaryFeature, type FeatureContext } from '../../lib/place-features.js'
import { recentConfirmations } from '../../queries/confirmations.js'
import type { PlaceDetailRow, PlaceSummaryRow } from '../../queries/places.js'

/**
 * Reads the holiday calendar around the instant (cached, see calendar-cache.ts), runs a place query with it, then reads the recent confirmations
 * of the places that have any: everything the features need.
 */
export async function withFeatureContext<R extends PlaceSummaryRow | undefined>(
  c: Context<AppEnv>,
  now: Date,
  query: (calendar: HolidayCalendar) => Promise<R[]>,
): Promise<{ rows: R[]; ctx: FeatureContext }> {
  const db = c.get('db')
  const calendar = await c.get('calendars').window(db, toLocalTime(now).date)
  const found = await query(calendar.kinds)
  const present = found.filter((r): r is NonNullable<R> => r !== undefined)
  const confirmations = await recentConfirmations(db, recentlyConfirmed(present, now), now)
  return { rows: found, ctx: { now, calendar, confirmations } }
}

export const summaryFeatures = (rows: PlaceSummaryRow[], ctx: FeatureContext) => rows.map((r) => toSummaryFeature(r, ctx))

/**
 * The ETag names the version and what time and the public can change in the body (local date, open or not,
 * staffed or not, likely closed, the confirmations that count), so a cached copy revalidates when any of them changes; staff
 * `If-Match` compares the version part only.
 */
export function placeEtag(row: PlaceDetailRow, ctx: FeatureContext): string {
  const open = row.open_now === null ? 'u' : row.open_now ? 'o' : 'c'
  const staffing = staffingNow(row.staffed_hours, row.open_now, ctx.now, ctx.calendar.kinds)
  const staffed = staffing === null ? '' : staffing === 'staffed' ? 's' : 'f'
  const verified = row.last_verified_at === null ? null : new Date(row.last_verified_at)
  const counting = countingConfirmations(ctx.confirmations.get(row.id) ?? [], verified, ctx.now)
  const newest = Math.max(0, ...counting.map((c) => c.created_at.getTime()))
  const confirmations = counting.length ? `n${counting.length}t${newest.toString(36)}` : ''
  const date = toLocalTime(ctx.now).date.replace(/-/g, '')
  return `"${row.id}.v${row.version}.${date}${open}${staffed}${row.likely_closed ? 'l' : ''}${confirmations}"`
}

export function detailView(row: PlaceDetailRow, ctx: FeatureContext) {
  return { etag: placeEtag(row, ctx), feature: toDetailFeature(row, ctx) }
}
