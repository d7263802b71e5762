import { amenityStatusOn } from '../domain/amenity-status.js'
import { hoursCell } from '../lib/export-formats.js'
import type { OgcFeatureRow } from '../queries/ogc.js'

/** The JSON documents of OGC API – Features Part 1 (Core), with absolute links from the request's base URL. */
export const GEOJSON = 'application/geo+json'
export const JSON_TYPE = 'application/json'
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
]
export const COLLECTION_ID = 'places'

export const link = (href: string, rel: string, type: string, title?: string) => ({
  href,
  rel,
  type,
  ...(title ? { title } : {}),
})

export function landingPage(base: string, origin: string) {
  return {
    title: 'Waystation — public-service places',
    description: 'Caring stations (爱心驿站), clinics, talent apartments and training bases as OGC API – Features.',
    links: [
      link(`${base}`, 'self', JSON_TYPE, 'This document'),
      link(`${origin}/api/openapi.json`, 'service-desc', 'application/vnd.oai.openapi+json;version=3.1', 'The API definition'),
      link(`${origin}/api/docs`, 'service-doc', 'text/html', 'The API documentation'),
      link(`${base}/conformance`, 'conformance', JSON_TYPE, 'Conformance classes'),
      link(`${base}/collections`, 'data', JSON_TYPE, 'Collections'),
    ],
  }
}

export function collection(base: string, extent: [number, number, number, number] | undefined) {
  const self = `${base}/collections/${COLLECTION_ID}`
  return {
    id: COLLECTION_ID,
    title: 'Places',
    description: 'Public places of the service (not deleted), WGS-84 points.',
    itemType: 'feature' as const,
    crs: [CRS84],
    extent: { spatial: { bbox: [extent ?? [-180, -90, 180, 90]], crs: CRS84 } },
    links: [link(self, 'self', JSON_TYPE, 'This collection'), link(`${self}/items`, 'items', GEOJSON, 'Places')],
  }
}

/** Attributes as flat values GIS tables can show; amenity status as it stands on `date` (the request's local date). */
export function feature(row: OgcFeatureRow, date: string) {
  const outages = amenityStatusOn(row.amenity_status, date)
  return {
    type: 'Feature' as const,
    id: row.id,
    geometry: { type: 'Point' as const, coordinates: [row.lng, row.lat] as [number, number] },
    properties: {
      external_id: row.external_id,
      category: row.category,
      name_zh: row.name_zh,
      name_en: row.name_en,
      address_zh: row.address_zh,
      address_en: row.address_en,
      area_code: row.area_code,
      phone: row.phone,
      amenities: row.amenities.join(';'),
      opening_hours: row.opening_hours ? hoursCell(row.opening_hours) : null,
      staffed_hours: row.staffed_hours ? hoursCell(row.staffed_hours) : null,
      access_method: row.access?.method ?? null,
      access_note_zh: row.access?.note_zh ?? null,
      access_note_en: row.access?.note_en ?? null,
      amenities_out_of_order: Object.keys(outages).join(';'),
      amenity_status: Object.keys(outages).length ? JSON.stringify(outages) : null,
      status: row.status,
    },
  }
}
