import { sql } from 'kysely'
import type { PlaceRecord } from '../schemas/place-record.js'

/** A WGS-84 point as `geography(Point,4326)`. */
export const geographyPoint = (lng: number, lat: number) => sql<string>`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography`

/** The insertable row for a validated place record. */
export function placeRecordToRow(record: PlaceRecord) {
  return {
    id: record.id,
    external_id: record.external_id ?? null,
    category: record.category,
    name_zh: record.name_zh,
    name_en: record.name_en ?? null,
    address_zh: record.address_zh ?? null,
    address_en: record.address_en ?? null,
    area_code: record.area_code ?? null,
    location: geographyPoint(record.location[0], record.location[1]),
    phone: record.phone ?? null,
    organisation_id: record.organisation_id ?? null,
    description_zh: record.description_zh ?? null,
    description_en: record.description_en ?? null,
    amenities: record.amenities,
    opening_hours: record.opening_hours ? JSON.stringify(record.opening_hours) : null,
    staffed_hours: record.staffed_hours ? JSON.stringify(record.staffed_hours) : null,
    access: record.access ? JSON.stringify(record.access) : null,
    amenity_status: JSON.stringify(record.amenity_status),
    status: record.status,
    status_reason: record.status_reason ?? null,
    status_until: record.status_until ?? null,
    details: JSON.stringify(record.details),
    source: record.source,
  }
}
