/**
 * A GeoJSON file's `crs` member (GeoJSON 2008; RFC 7946 dropped it, but GDAL and older GIS tools still write it) is
 * never ignored: EPSG:3857 metres are converted to degrees, CGCS2000 is read as WGS-84 with a warning, and any other
 * crs refuses the whole file with a problem that names the member, through the admin import route.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { ImportReport } from '../../api/import/run-import.js'
import { createStaff, signIn, uniqueName } from '../helpers/fixtures.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

const HERE = { lng: 121.55, lat: 29.88 }
const R = 6378137
/** Degrees → spherical Mercator metres (EPSG:3857), the forward of what the import undoes. */
const mercator = (lng: number, lat: number) => [(R * lng * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))]
const named = (name: string) => ({ type: 'name', properties: { name } })

let cookie: string | undefined
async function importGeoJson(crs: unknown, coordinates: number[]) {
  const externalId = uniqueName('CRS')
  const doc = {
    type: 'FeatureCollection',
    ...(crs === undefined ? {} : { crs }),
    features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { external_id: externalId, name: '坐标系测试', category: 'caring_station' } },
    ],
  }
  const app = await testApp()
  // One administrator for the file: each sign-in costs a full-strength PBKDF2.
  cookie ??= await signIn(app, (await createStaff('admin')).username)
  const res = await app.request('/api/v1/import?format=geojson', {
    method: 'POST',
    headers: { 'Content-Type': 'application/geo+json', Cookie: cookie, Origin: 'http://localhost' },
    body: JSON.stringify(doc),
  })
  const body = await res.json<ImportReport & { report?: ImportReport; detail?: string }>()
  const { db } = await testDatabase()
  const stored = await db
    .selectFrom('place')
    .where('external_id', '=', externalId)
    .select([sql<number>`ST_X(location::geometry)`.as('lng'), sql<number>`ST_Y(location::geometry)`.as('lat')])
    .executeTakeFirst()
  return { res, body, stored }
}

describe('GeoJSON crs member on import', () => {
  it('reads a file without crs, or with CRS84 / EPSG:4326 in any spelling, as WGS-84 degrees', async () => {
    for (const crs of [
      undefined,
      null,
      named('urn:ogc:def:crs:OGC:1.3:CRS84'),
      named('http://www.opengis.net/def/crs/OGC/1.3/CRS84'),
      named('EPSG:4326'),
      named('urn:ogc:def:crs:EPSG::4326'),
    ]) {
      const { res, body, stored } = await importGeoJson(crs, [HERE.lng, HERE.lat])
      expect(res.status, JSON.stringify(crs)).toBe(200)
      expect(body).toMatchObject({ inserted: 1, written: true, rejected: [] })
      expect(body.warnings.filter((w) => w.code.startsWith('crs_'))).toEqual([])
      expect(stored).toEqual({ lng: HERE.lng, lat: HERE.lat })
    }
  })

  it('converts EPSG:3857 metres (and its aliases) to degrees and says so, naming the crs', async () => {
    const [x, y] = mercator(HERE.lng, HERE.lat)
    for (const name of ['urn:ogc:def:crs:EPSG::3857', 'EPSG:3857', 'http://www.opengis.net/def/crs/EPSG/0/3857', 'EPSG:900913']) {
      const { res, body, stored } = await importGeoJson(named(name), [x!, y!])
      expect(res.status, name).toBe(200)
      expect(body).toMatchObject({ inserted: 1, written: true, rejected: [] })
      expect(body.warnings).toContainEqual(expect.objectContaining({ code: 'crs_converted', params: { crs: name } }))
      expect(stored!.lng).toBeCloseTo(HERE.lng, 6)
      expect(stored!.lat).toBeCloseTo(HERE.lat, 6)
    }
  })

  it('reads CGCS2000 (EPSG:4490) as WGS-84 with a warning', async () => {
    const { body, stored } = await importGeoJson(named('EPSG:4490'), [HERE.lng, HERE.lat])
    expect(body).toMatchObject({ inserted: 1, written: true })
    expect(body.warnings).toContainEqual(expect.objectContaining({ code: 'crs_cgcs2000', params: { crs: 'EPSG:4490' } }))
    expect(stored).toEqual({ lng: HERE.lng, lat: HERE.lat })
  })

  it('refuses any other crs with a problem naming the member and its value, and writes nothing', async () => {
    const link = { type: 'link', properties: { href: 'http://example.com/crs/42', type: 'proj4' } }
    for (const [crs, named_] of [
      [named('urn:ogc:def:crs:EPSG::2385'), 'urn:ogc:def:crs:EPSG::2385'], // Xi'an 1980 / Gauss-Krüger: metres we cannot convert
      [named('EPSG:2385'), 'EPSG:2385'],
      [named('GCJ-02'), 'GCJ-02'],
      [link, JSON.stringify(link).slice(0, 80)],
      ['EPSG:3857', '"EPSG:3857"'], // a bare string is not a crs member
    ] as const) {
      const { res, body, stored } = await importGeoJson(crs, [500000, 3300000])
      expect(res.status, JSON.stringify(crs)).toBe(422)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(body.detail).toBe(
        `the file's crs '${named_}' is not one this import can convert (WGS-84/CRS84, EPSG:3857, CGCS2000)`,
      )
      expect(body.report!.fileProblem).toEqual({ code: 'crs_unsupported', params: { crs: named_ }, message: body.detail })
      expect(body.report!.written).toBe(false)
      expect(stored).toBeUndefined()
    }
  })
})
