import { amenityStatusOn } from '../domain/amenity-status.js'
import { summariseConfirmations, type Confirmation } from '../domain/confirmations.js'
import { toLocalTime } from '../domain/local-time.js'
import { daysAhead, placeOpenState, staffingNow } from '../domain/opening-hours.js'
import type { CalendarWindow } from '../queries/holidays.js'
import type { PlaceDetailRow, PlaceSummaryRow } from '../queries/places.js'

/** Six decimals of a degree is about 0.1 m: all a map needs, and it keeps payloads small. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

/** What the features need besides their rows, read once per request: the holiday calendar and confirmations. */
export interface FeatureContext {
  now: Date
  calendar: CalendarWindow
  confirmations: Map<string, Confirmation[]>
}

function summaryProperties(row: PlaceSummaryRow, ctx: FeatureContext) {
  const { now } = ctx
  const state = placeOpenState(row, now, ctx.calendar.kinds)
  const verified = row.last_verified_at === null ? null : new Date(row.last_verified_at)
  return {
    category: row.category,
    name_zh: row.name_zh,
    name_en: row.name_en,
    address_zh: row.address_zh,
    address_en: row.address_en,
    area: row.area_code ? { code: row.area_code, name_zh: row.area_name_zh, name_en: row.area_name_en } : null,
    phone: row.phone,
    amenities: row.amenities,
    amenity_status: amenityStatusOn(row.amenity_status, toLocalTime(now).date),
    status: row.status,
    status_reason: row.status_reason,
    status_until: row.status_until,
    // The SQL value is authoritative (it is what filtered); the TS state adds when it changes.
    open_now: row.open_now,
    closes_at: row.open_now === true ? state.closes_at : null,
    opens_at: row.open_now === false && !row.likely_closed ? state.opens_at : null,
    likely_closed: row.likely_closed,
    staffing_now: staffingNow(row.staffed_hours, row.open_now, now, ctx.calendar.kinds),
    access: row.access,
    confirmations: summariseConfirmations(ctx.confirmations.get(row.id) ?? [], verified, now),
    last_verified_at: iso(row.last_verified_at),
    ...(row.distance !== undefined ? { distance_m: Math.round(row.distance) } : {}),
  }
}

const point = (row: PlaceSummaryRow) => ({ type: 'Point' as const, coordinates: [round6(row.lng), round6(row.lat)] })

export function toSummaryFeature(row: PlaceSummaryRow, ctx: FeatureContext) {
  return { type: 'Feature' as const, id: row.id, geometry: point(row), properties: summaryProperties(row, ctx) }
}

/** The coming week as it will be, with the names of the public holidays and make-up workdays in it. */
function weekOf(row: PlaceDetailRow, ctx: FeatureContext) {
  if (!row.opening_hours) return null
  const names = new Map(ctx.calendar.days.map((d) => [d.date, d]))
  return daysAhead(row.opening_hours, row.staffed_hours, toLocalTime(ctx.now).date, ctx.calendar.kinds).map((day) => {
    const holiday = names.get(day.date)
    return { ...day, holiday: holiday ? { kind: holiday.kind, name_zh: holiday.name_zh, name_en: holiday.name_en } : null }
  })
}

export function toDetailFeature(row: PlaceDetailRow, ctx: FeatureContext) {
  return {
    type: 'Feature' as const,
    id: row.id,
    geometry: point(row),
    properties: {
      ...summaryProperties(row, ctx),
      description_zh: row.description_zh,
      description_en: row.description_en,
      opening_hours: row.opening_hours,
      staffed_hours: row.staffed_hours,
      week: weekOf(row, ctx),
      organisation: row.organisation_id
        ? { id: row.organisation_id, name_zh: row.organisation_name_zh, name_en: row.organisation_name_en }
        : null,
      details: row.details,
      source: row.source,
      version: row.version,
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
    },
  }
}

/** Whether any of these rows has a confirmation recent enough to read. */
export const recentlyConfirmed = (rows: PlaceSummaryRow[], now: Date) =>
  rows
    .filter((r) => r.last_confirmed_at !== null && now.getTime() - new Date(r.last_confirmed_at).getTime() < 86_400_000)
    .map((r) => r.id)
