import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { runImport, type ImportOptions } from '../../api/import/run-import.js'
import { testDatabase } from '../helpers/test-db.js'

const HEADER = '外部编号,名称,类别,经度,纬度,地址,街道,设施,开放时间,电话'
const csv = (...rows: string[]) => `\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`
const OPTIONS: ImportOptions = { format: 'csv', source: 'import:test.csv', actor: { accountId: null, username: 'test' }, now: new Date() }

async function importText(text: string, options: Partial<ImportOptions> = {}) {
  const { db } = await testDatabase()
  return runImport(db, text, { ...OPTIONS, ...options })
}

async function placeByExternalId(externalId: string) {
  const { db } = await testDatabase()
  return db
    .selectFrom('place')
    .where('external_id', '=', externalId)
    .select(['id', 'name_zh', 'category', 'amenities', 'opening_hours', 'area_code', 'version', 'source'])
    .select([sql<number>`ST_X(location::geometry)`.as('lng'), sql<number>`ST_Y(location::geometry)`.as('lat')])
    .executeTakeFirst()
}

// The run shares one database: take this file's places away again (one case leaves 2,499 at a single spot).
afterAll(async () => {
  const { db } = await testDatabase()
  // Imports write audit rows now: those go first (they reference the place).
  const imported = db.selectFrom('place').select('id').where('external_id', 'like', 'IMP-%')
  await db.deleteFrom('place_audit').where('place_id', 'in', imported).execute()
  await db.deleteFrom('place').where('external_id', 'like', 'IMP-%').execute()
})

describe('runImport (CSV)', () => {
  it('inserts rows with Chinese headers, amenities and hours, then a re-import changes nothing', async () => {
    const file = csv(
      'IMP-A1,测试驿站一,爱心驿站,121.5531,29.8891,人民路1号,外滩街道,饮水;充电;热饭,周一至周五 08:00-20:00；周六、周日 09:00-17:00,0574-8763 0001',
      'IMP-A2,"测试驿站二, 夜间",caring_station,121.5541,29.8895,,waitan,WiFi,Mo-Su 22:00-02:00,',
    )
    const first = await importText(file)
    expect(first.rejected).toEqual([])
    expect(first).toMatchObject({ rows: 2, inserted: 2, updated: 0, unchanged: 0, written: true })
    const a1 = await placeByExternalId('IMP-A1')
    expect(a1).toMatchObject({ name_zh: '测试驿站一', category: 'caring_station', area_code: 'waitan', amenities: ['drinking_water', 'phone_charging', 'meal_heating'], version: 1 })
    expect(a1!.opening_hours!.weekly.sa).toEqual([['09:00', '17:00']])
    expect((await placeByExternalId('IMP-A2'))!.opening_hours!.weekly.mo).toEqual([['22:00', '26:00']])

    const again = await importText(file)
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, written: true })
    expect((await placeByExternalId('IMP-A1'))!.version).toBe(1)

    const edited = await importText(file.replace('测试驿站一', '测试驿站一（改）'))
    expect(edited).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 })
    expect(await placeByExternalId('IMP-A1')).toMatchObject({ name_zh: '测试驿站一（改）', version: 2 })
  })

  it('changes only the columns the file has: details set earlier survive a file without them', async () => {
    await importText('external_id,name,category,lng,lat,details\nIMP-K1,有详情,caring_station,121.55,29.88,"{""capacity"":4}"\n')
    const report = await importText(csv('IMP-K1,有详情（新名）,爱心驿站,121.55,29.88,,,,,'))
    expect(report).toMatchObject({ updated: 1 })
    const { db } = await testDatabase()
    const row = await db.selectFrom('place').where('external_id', '=', 'IMP-K1').select(['name_zh', 'details']).executeTakeFirstOrThrow()
    expect(row).toEqual({ name_zh: '有详情（新名）', details: { capacity: 4 } })
  })

  it('converts GCJ-02 coordinates to WGS-84', async () => {
    await importText(csv('IMP-G1,测试高德点,爱心驿站,121.55,29.88,,,,,'), { crs: 'gcj02' })
    const place = await placeByExternalId('IMP-G1')
    expect(place!.lng).toBeCloseTo(121.54583, 4)
    expect(place!.lat).toBeCloseTo(29.88257, 4)
  })

  it('reports every bad row with line, field and reason, and writes nothing', async () => {
    const report = await importText(
      csv(
        'IMP-B1,好的一行,爱心驿站,121.55,29.88,,,,,',
        'IMP-B2,坏坐标,爱心驿站,abc,29.88,,,,,',
        'IMP-B3,上海的点,爱心驿站,121.47,31.23,,,,,',
        'IMP-B4,未知设施,爱心驿站,121.55,29.88,,,饮水;按摩椅,,',
        'IMP-B5,坏时间,爱心驿站,121.55,29.88,,,,周一 8点到晚上,',
        'IMP-B1,重复,爱心驿站,121.55,29.88,,,,,',
        'IMP-B7,"名称里有',
        '换行",未知类别,121.55,29.88,,,,,',
      ),
    )
    expect(report.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'lng', reason: expect.stringContaining('bad coordinate') }),
      expect.objectContaining({ line: 4, field: 'lng', reason: expect.stringContaining('outside the service area') }),
      expect.objectContaining({ line: 5, field: 'amenities', reason: "unknown amenity '按摩椅'" }),
      expect.objectContaining({ line: 6, field: 'opening_hours', reason: expect.stringContaining('malformed hours') }),
      expect.objectContaining({ line: 7, field: 'external_id', reason: 'duplicate id: same place as line 2' }),
      expect.objectContaining({ line: 8, field: 'category', reason: "unknown category '未知类别'" }),
    ])
    expect(report.written).toBe(false)
    expect(await placeByExternalId('IMP-B1')).toBeUndefined()
  })

  // 5,000 rows written and audited in all: generous on a loaded 2-core machine.
  it('leaves nothing written when a bad row comes after batches already sent to the database', { timeout: 120_000 }, async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `IMP-L${i},批量${i},爱心驿站,121.55,${i === 2300 ? 'x' : '29.88'},,,,,`)
    const report = await importText(csv(...rows))
    expect(report.rejected).toEqual([expect.objectContaining({ line: 2302, field: 'lat', reason: expect.stringContaining('bad coordinate') })])
    expect(report).toMatchObject({ written: false, inserted: 0 })
    const { db } = await testDatabase()
    const left = await db.selectFrom('place').where('external_id', 'like', 'IMP-L%').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
    expect(Number(left.n)).toBe(0)
    expect(await importText(csv(...rows), { skipInvalid: true })).toMatchObject({ inserted: 2499, written: true })
  })

  it('with skipInvalid writes the good rows and rejects only the bad ones', async () => {
    const report = await importText(csv('IMP-C1,好的,爱心驿站,121.55,29.88,,,,,', 'IMP-C2,坏的,爱心驿站,121.55,95,,,,,'), { skipInvalid: true })
    expect(report).toMatchObject({ accepted: 1, inserted: 1, written: true })
    expect(report.rejected.map((r) => r.line)).toEqual([3])
    expect(await placeByExternalId('IMP-C1')).toBeDefined()
  })

  it('a dry run counts what would change and writes nothing', async () => {
    const report = await importText(csv('IMP-D1,预演,爱心驿站,121.55,29.88,,,,,'), { dryRun: true })
    expect(report).toMatchObject({ inserted: 1, written: false, dryRun: true })
    expect(await placeByExternalId('IMP-D1')).toBeUndefined()
  })

  it('uses --category for rows without one and refuses a file without the needed columns', async () => {
    const report = await importText('name,lng,lat,external_id\n英文表头,121.55,29.88,IMP-E1\n', { category: 'training_base' })
    expect(report.rejected).toEqual([])
    expect((await placeByExternalId('IMP-E1'))!.category).toBe('training_base')
    expect((await importText('名称,地址\n某处,某路\n')).fileError).toMatch(/missing column.*经度\/lng/)
  })
})

describe('runImport (GeoJSON)', () => {
  it('reads points and properties, amenities as an array and hours as an object', async () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [121.556, 29.884] }, properties: { external_id: 'IMP-J1', name: '测试GeoJSON', category: 'clinic', amenities: ['toilet', '饮水'], opening_hours: { weekly: { mo: [['08:00', '12:00']] } }, details: { clinic_type: 'other' } } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: { external_id: 'IMP-J2', name: '线', category: 'clinic' } },
      ],
    }
    const report = await importText(JSON.stringify(doc), { format: 'geojson', skipInvalid: true })
    expect(report.rejected).toEqual([expect.objectContaining({ line: 2, field: 'lng', reason: expect.stringContaining('bad coordinate') })])
    expect(await placeByExternalId('IMP-J1')).toMatchObject({ category: 'clinic', amenities: ['toilet', 'drinking_water'], opening_hours: { weekly: { mo: [['08:00', '12:00']] } } })
  })
})
