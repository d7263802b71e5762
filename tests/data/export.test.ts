import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCsv, UTF8_BOM } from '../../api/import/csv.js'
import { COLUMN_NAMES } from '../../api/import/columns.js'
import { runImport } from '../../api/import/run-import.js'
import { exportPlaceRows } from '../../api/queries/export.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

const WORLD = [-180, -90, 180, 90] as const
const BY_TEST = { actor: { accountId: null, username: 'test' }, now: new Date() }
const FIXTURES = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [121.5512345678901, 29.8871234567891] },
      properties: {
        external_id: 'EXP-1', name: '导出测试站, "引号"', name_en: 'Export test', category: 'caring_station', area_code: 'waitan',
        description_zh: '第一行\n第二行，有逗号', amenities: ['drinking_water', 'toilet'], phone: '0574-1234 5678',
        opening_hours: { weekly: { mo: [['22:00', '26:00']], sa: [['09:00', '12:00'], ['13:00', '17:00']] }, holidays: 'closed' },
        details: { capacity: 4 }, staffed_hours: 'Mo 22:00-23:00; PH off', access_method: 'scan_code', access_note_zh: '扫码, "进门"',
        amenity_status: { toilet: { status: 'out_of_order', until: '2026-12-01', reason_zh: '维修' } },
      },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [121.56, 29.89] },
      properties: {
        external_id: 'EXP-2', name: '导出测试诊所', category: 'clinic', status: 'temporarily_closed', status_until: '2026-12-31',
        opening_hours: {
          weekly: { tu: [['08:00', '17:00']] },
          exceptions: [{ date: '2027-01-01', intervals: [], note_zh: '元旦休息' }],
          holidays: [['09:00', '12:00']],
        },
        details: { clinic_type: 'community_health_centre', services: ['vaccination'] },
      },
    },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [121.57, 29.9] }, properties: { external_id: 'EXP-GONE', name: '已删除', category: 'caring_station' } },
  ],
}

beforeAll(async () => {
  const { db } = await testDatabase()
  const report = await runImport(db, JSON.stringify(FIXTURES), { format: 'geojson', source: 'test fixtures', ...BY_TEST })
  expect(report.rejected).toEqual([])
  await db.updateTable('place').set({ deleted_at: new Date() }).where('external_id', '=', 'EXP-GONE').execute()
})

async function publicCount() {
  const { db } = await testDatabase()
  const row = await db.selectFrom('place').where('deleted_at', 'is', null).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function download(path: string) {
  const res = await (await testApp()).request(path)
  expect(res.status).toBe(200)
  expect(res.body).toBeInstanceOf(ReadableStream)
  // ignoreBOM keeps the byte-order mark in the text, so the test can see it is there.
  return { res, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) }
}

describe('GET /api/v1/export.csv', () => {
  it('streams every public place as UTF-8 CSV with a BOM and the import columns', async () => {
    const { res, text } = await download('/api/v1/export.csv')
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toContain('attachment')
    expect(text.startsWith(UTF8_BOM)).toBe(true)
    const [header, ...rows] = [...parseCsv(text)]
    expect(header!.fields).toEqual(COLUMN_NAMES)
    expect(rows).toHaveLength(await publicCount())
    const byExternal = new Map(rows.map((r) => [r.fields[1], Object.fromEntries(COLUMN_NAMES.map((c, i) => [c, r.fields[i]]))]))
    expect(byExternal.has('EXP-GONE')).toBe(false)
    expect(byExternal.get('EXP-1')).toMatchObject({ name_zh: '导出测试站, "引号"', description_zh: '第一行\n第二行，有逗号', amenities: 'drinking_water;toilet', opening_hours: 'Mo 22:00-02:00; Sa 09:00-12:00,13:00-17:00; PH off', lng: '121.5512345678901', staffed_hours: 'Mo 22:00-23:00; PH off', access_method: 'scan_code', access_note_zh: '扫码, "进门"' })
    expect(JSON.parse(byExternal.get('EXP-1')!.amenity_status!)).toEqual({ toilet: { status: 'out_of_order', until: '2026-12-01', reason_zh: '维修' } })
    expect(text).toContain('"导出测试站, ""引号"""')
    // Exception notes have no text form, so those hours go out as JSON.
    expect(JSON.parse(byExternal.get('EXP-2')!.opening_hours!)).toMatchObject({ exceptions: [{ note_zh: '元旦休息' }] })
  })

  it('round-trips: importing the export changes nothing', async () => {
    const { db } = await testDatabase()
    const { text } = await download('/api/v1/export.csv')
    const report = await runImport(db, text, { format: 'csv', source: 'x', bounds: WORLD, dryRun: true, ...BY_TEST })
    expect(report.rejected).toEqual([])
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: await publicCount() })
  })

  it('rejects unknown parameters', async () => {
    const res = await (await testApp()).request('/api/v1/export.csv?category=clinic')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })
})

describe('GET /api/v1/export.geojson', () => {
  it('is a FeatureCollection of every public place, properties in the import columns', async () => {
    const { res, text } = await download('/api/v1/export.geojson')
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8')
    const doc = JSON.parse(text) as { type: string; features: Array<{ id: string; geometry: { coordinates: number[] }; properties: Record<string, unknown> }> }
    expect(doc.type).toBe('FeatureCollection')
    expect(doc.features).toHaveLength(await publicCount())
    const one = doc.features.find((f) => f.properties.external_id === 'EXP-1')!
    expect(one.geometry.coordinates).toEqual([121.5512345678901, 29.8871234567891])
    expect(one.properties).toMatchObject({ category: 'caring_station', amenities: ['drinking_water', 'toilet'], details: { capacity: 4 } })
  })

  it.each(['geojson', 'csv'] as const)('restores edited places exactly when imported back (%s)', async (format) => {
    const app = await testApp()
    const { db } = await testDatabase()
    const ids = (await db.selectFrom('place').where('external_id', 'in', ['EXP-1', 'EXP-2']).select('id').execute()).map((r) => r.id)
    const detail = async (id: string) => {
      const body = await (await app.request(`/api/v1/places/${id}`)).json<{ properties: Record<string, unknown> }>()
      const { version: _v, updated_at: _u, ...rest } = body.properties
      return { ...body, properties: rest }
    }
    const before = await Promise.all(ids.map(detail))
    const { text } = await download(`/api/v1/export.${format}`)
    await db
      .updateTable('place')
      .set({ name_zh: '改过', amenities: [], opening_hours: null, phone: null, staffed_hours: null, access: null, amenity_status: '{}' })
      .where('id', 'in', ids)
      .execute()
    const report = await runImport(db, text, { format, source: 'x', bounds: WORLD, ...BY_TEST })
    expect(report).toMatchObject({ updated: 2, inserted: 0, written: true })
    expect(await Promise.all(ids.map(detail))).toEqual(before)
  })
})

describe('exportPlaceRows', () => {
  it('reads in keyset batches, in id order, without repeats', async () => {
    const { db } = await testDatabase()
    const batches = []
    for await (const batch of exportPlaceRows(db, 7)) batches.push(batch.map((r) => r.id))
    const ids = batches.flat()
    expect(batches.length).toBeGreaterThan(3)
    expect(batches.slice(0, -1).every((b) => b.length === 7)).toBe(true)
    expect(ids).toEqual([...ids].sort())
    expect(new Set(ids).size).toBe(await publicCount())
  })
})
