import { placeOpenState } from '../domain/opening-hours.js'
import type { PlaceDetailRow, PlaceSummaryRow } from '../queries/places.js'

/** Six decimals of a degree is about 0.1 m: all a map needs, and it keeps payloads small. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

function summaryProperties(row: PlaceSummaryRow, now: Date) {
  const state = placeOpenState(row, now)
  return {
    category: row.category,
    name_zh: row.name_zh,
    name_en: row.name_en,
    address_zh: row.address_zh,
    address_en: row.address_en,
    area: row.area_code ? { code: row.area_code, name_zh: row.area_name_zh, name_en: row.area_name_en } : null,
    phone: row.phone,
    amenities: row.amenities,
    status: row.status,
    status_reason: row.status_reason,
    status_until: row.status_until,
    // The SQL value is authoritative (it is what filtered); the TS state adds when it changes.
    open_now: row.open_now,
    closes_at: row.open_now === true ? state.closes_at : null,
    opens_at: row.open_now === false ? state.opens_at : null,
    last_verified_at: iso(row.last_verified_at),
    ...(row.distance !== undefined ? { distance_m: Math.round(row.distance) } : {}),
  }
}

const point = (row: PlaceSummaryRow) => ({ type: 'Point' as const, coordinates: [round6(row.lng), round6(row.lat)] })

export function toSummaryFeature(row: PlaceSummaryRow, now: Date) {
  return { type: 'Feature' as const, id: row.id, geometry: point(row), properties: summaryProperties(row, now) }
}

export function toDetailFeature(row: PlaceDetailRow, now: Date) {
  return {
    type: 'Feature' as const,
    id: row.id,
    geometry: point(row),
    properties: {
      ...summaryProperties(row, now),
      description_zh: row.description_zh,
      description_en: row.description_en,
      opening_hours: row.opening_hours,
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
