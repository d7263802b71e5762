import gcoordModule from 'gcoord'

// A CommonJS package whose types declare an ES default export: under Node the import is the exports object itself.
const gcoord = 'default' in gcoordModule ? gcoordModule.default : gcoordModule

/**
 * Coordinates from Chinese map apps are not WGS-84: Amap and Tencent use GCJ-02, Baidu BD-09 (GCJ-02 with a
 * further shift). They are offset by a few hundred metres in a pattern only the published algorithms undo.
 */
export const CRS_NAMES = ['wgs84', 'gcj02', 'bd09'] as const
export type Crs = (typeof CRS_NAMES)[number]

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const

export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat]
  const [x, y] = gcoord.transform<[number, number]>([lng, lat], GCOORD_CRS[crs], gcoord.WGS84)
  // Nine decimals (~0.1 mm): the conversion's float noise is not data.
  return [Math.round(x * 1e9) / 1e9, Math.round(y * 1e9) / 1e9]
}

/** `[minLng, minLat, maxLng, maxLat]`, WGS-84. */
export type Bounds = readonly [number, number, number, number]

/** The default service area: a box around Jiangbei District, Ningbo (with a margin of a few hundred metres). */
export const JIANGBEI_BOUNDS: Bounds = [121.38, 29.86, 121.66, 30.06]
/** Ningbo municipality with its coast and islands: the default service area for created and moved places. */
export const NINGBO_BOUNDS: Bounds = [120.9, 28.85, 122.45, 30.45]

export const withinBounds = ([lng, lat]: [number, number], [minLng, minLat, maxLng, maxLat]: Bounds) =>
  lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat

/** Reads `minLng,minLat,maxLng,maxLat`; undefined when it is not a valid box. */
export function parseBounds(text: string): Bounds | undefined {
  const parts = text.split(',').map((s) => Number(s.trim()))
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return undefined
  const [a, b, c, d] = parts as [number, number, number, number]
  return a < c && b < d && a >= -180 && c <= 180 && b >= -90 && d <= 90 ? [a, b, c, d] : undefined
}

const EARTH_RADIUS = 6378137
/** Spherical ("web") Mercator metres → degrees, as EPSG:3857 defines it. */
export function fromWebMercator(x: number, y: number): [number, number] {
  const lng = (x / EARTH_RADIUS) * (180 / Math.PI)
  const lat = (2 * Math.atan(Math.exp(y / EARTH_RADIUS)) - Math.PI / 2) * (180 / Math.PI)
  return [Math.round(lng * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9]
}

/**
 * What a GeoJSON `crs` member (GeoJSON 2008; RFC 7946 dropped it, but GDAL and older tools still write it) means
 * for the coordinates: `wgs84` (absent, CRS84, EPSG:4326), `cgcs2000` (EPSG:4490, China's datum, centimetres from
 * WGS-84), `mercator` (EPSG:3857 and its aliases: metres), or the name of one we cannot convert.
 */
export function geoJsonCrs(crs: unknown): 'wgs84' | 'cgcs2000' | 'mercator' | { unsupported: string } {
  if (crs === undefined || crs === null) return 'wgs84'
  const member = crs as { type?: unknown; properties?: { name?: unknown } | null }
  const name = member.type === 'name' && typeof member.properties?.name === 'string' ? member.properties.name : undefined
  if (!name) return { unsupported: JSON.stringify(crs).slice(0, 80) }
  const text = name.trim()
  // `EPSG:3857`, `urn:ogc:def:crs:EPSG::3857`, `urn:ogc:def:crs:OGC:1.3:CRS84`, and the OGC's http URIs
  // (`http://www.opengis.net/def/crs/EPSG/0/3857`, `…/def/crs/OGC/1.3/CRS84`, what OGC API – Features answers with).
  const code = (
    /\/def\/crs\/(?:EPSG|OGC)\/[^/]+\/(\w+)\/?$/i.exec(text)?.[1] ??
    /(?:CRS|EPSG)[:\w.]*?:{1,2}(\w+)$/i.exec(text)?.[1] ??
    text
  ).toUpperCase()
  if (code === 'CRS84' || code === '4326') return 'wgs84'
  if (code === '4490') return 'cgcs2000'
  if (['3857', '900913', '102100', '102113', '3785'].includes(code)) return 'mercator'
  return { unsupported: name.slice(0, 80) }
}
