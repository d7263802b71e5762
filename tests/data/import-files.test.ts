/**
 * Files as people's tools save them (tests/data/fixtures/import, made by scripts/generate-import-fixtures.ts): each
 * imports with the right text, or fails naming the line and writes nothing. Also: audit rows for every write, the
 * dry run's report equal to the real run's, an organisation for rows that name none, NUL bytes.
 * (GeoJSON crs: tests/data/geojson-crs.test.ts.)
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { runImport, type ImportOptions } from '../../api/import/run-import.js'
import { createStaff, signIn } from '../helpers/staff.js'
import { isRealPostgres, testApp, testDatabase } from '../helpers/test-db.js'

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/data/fixtures/import/${name}`))
const OPTIONS: ImportOptions = {
  format: 'csv',
  source: 'import:fixture',
  actor: { accountId: null, username: 'import:test' },
  now: new Date('2026-11-25T02:00:00Z'),
}

async function importBytes(bytes: Uint8Array | string, options: Partial<ImportOptions> = {}) {
  const { db } = await testDatabase()
  return runImport(db, bytes, { ...OPTIONS, ...options })
}

async function placesLike(prefix: string) {
  const { db } = await testDatabase()
  return db
    .selectFrom('place')
    .where('external_id', 'like', `${prefix}%`)
    .select(['id', 'external_id', 'name_zh', 'address_zh', 'amenities', 'opening_hours', 'organisation_id', 'version'])
    .orderBy('external_id')
    .execute()
}

async function auditOf(placeId: string) {
  const { db } = await testDatabase()
  return db
    .selectFrom('place_audit')
    .select(['action', 'username', 'version', 'changes'])
    .where('place_id', '=', placeId)
    .orderBy('id')
    .execute()
}

afterAll(async () => {
  const { db } = await testDatabase()
  const ids = (await db.selectFrom('place').select('id').where('external_id', 'like', 'FX-%').execute()).map((r) => r.id)
  if (ids.length) {
    await db.deleteFrom('place_audit').where('place_id', 'in', ids).execute()
    await db.deleteFrom('place').where('id', 'in', ids).execute()
  }
})

describe('import files as tools save them', () => {
  const good: Array<[string, string, string]> = [
    ['utf8-bom.csv', 'FX-BOM', 'utf-8-bom'],
    ['gbk-chinese-headers.csv', 'FX-GBK', 'gb18030'],
    ['utf16le.csv', 'FX-U16', 'utf-16le'],
    ['cr-only.csv', 'FX-CR', 'utf-8'],
  ]
  for (const [file, prefix, encoding] of good)
    it(`reads ${file} (${encoding}) with the right text, hours and organisation`, async () => {
      const report = await importBytes(fixture(file))
      expect(report).toMatchObject({ encoding, rejected: [], warnings: [], inserted: 2, written: true })
      const [first, second] = await placesLike(prefix)
      expect(first).toMatchObject({
        name_zh: '江北区人民路爱心驿站',
        address_zh: '宁波市江北区人民路1号',
        amenities: ['drinking_water', 'phone_charging', 'meal_heating'],
        organisation_id: 'waitan-union',
      })
      expect(first!.opening_hours!.weekly).toMatchObject({
        mo: [
          ['08:00', '12:00'],
          ['14:00', '18:00'],
        ],
        sa: [['09:00', '17:00']],
      })
      expect(second).toMatchObject({ name_zh: '甬江街道"暖心"驿站', amenities: ['drinking_water', 'toilet'] })
      expect(second!.opening_hours!.weekly.su).toEqual([['00:00', '24:00']])
    })

  it('refuses a row with an unquoted comma, naming the line, and writes nothing', async () => {
    const report = await importBytes(fixture('unquoted-comma.csv'))
    expect(report.rejected).toEqual([
      {
        line: 2,
        field: 'row',
        code: 'field_count',
        params: { expected: 9, found: 10 },
        reason: expect.stringContaining('10 fields where the header has 9'),
      },
    ])
    expect(report).toMatchObject({ accepted: 1, written: false, inserted: 0 })
    expect(await placesLike('FX-COMMA')).toEqual([])
  })

  it('refuses a file with a NUL, naming its line, and one in an encoding it cannot tell', async () => {
    const nul = await importBytes('外部编号,名称,经度,纬度\nFX-N,a,121.55,29.88\nFX-N2,b\0,121.55,29.88\n')
    expect(nul.fileProblem).toEqual({ code: 'nul_character', params: { line: 3 }, message: expect.stringContaining('line 3') })
    const latin = await importBytes(iconv.encode('name,lng,lat,external_id\nCafé Zoë,121.55,29.88,FX-L\n', 'windows-1252'))
    expect(latin.fileProblem).toMatchObject({ code: 'encoding_unsupported' })
    expect(await placesLike('FX-N')).toEqual([])
  })

  it('never half-reads hours: a cell that does not parse completely is an error', async () => {
    const header = '外部编号,名称,类别,经度,纬度,开放时间'
    for (const hours of ['周一至周五 08:00-12:00 下午休息', '08:00-20:00（节假日除外）', 'Mo-Fr 08:00-20:00 Sa 09:00-12:00', '周一 至 周五 08:00-20:00'])
      expect((await importBytes(`${header}\nFX-H,时间,爱心驿站,121.55,29.88,"${hours}"\n`)).rejected, hours).toEqual([
        expect.objectContaining({ line: 2, field: 'opening_hours', code: expect.stringMatching(/^hours_/) }),
      ])
  })
})

describe('import audit and dry run', () => {
  it('writes one import audit row per inserted or updated place, with before/after per field', async () => {
    const file = (name: string) => `外部编号,名称,类别,经度,纬度,电话\nFX-A1,${name},爱心驿站,121.55,29.88,0574-1\n`
    await importBytes(file('审计驿站'))
    const [place] = await placesLike('FX-A1')
    await importBytes(file('审计驿站（新）'))
    await importBytes(file('审计驿站（新）'))
    const audit = await auditOf(place!.id)
    expect(audit.map((a) => [a.action, a.username, a.version])).toEqual([
      ['import', 'import:test', 1],
      ['import', 'import:test', 2],
    ])
    expect(audit[0]!.changes).toMatchObject({ name_zh: { before: null, after: '审计驿站' }, phone: { before: null, after: '0574-1' } })
    expect(audit[1]!.changes).toEqual({ name_zh: { before: '审计驿站', after: '审计驿站（新）' } })
  })

  it('a dry run reports exactly what the real run then writes', async () => {
    const file = '外部编号,名称,类别,经度,纬度\nFX-D1,预演一,爱心驿站,121.55,29.88\nFX-D2,预演二,爱心驿站,121.56,29.89\nFX-D3,坏,爱心驿站,121.56,north\n'
    const dry = await importBytes(file, { dryRun: true, skipInvalid: true })
    expect(await placesLike('FX-D')).toEqual([])
    const real = await importBytes(file, { skipInvalid: true })
    expect({ ...dry, dryRun: false, written: true }).toEqual(real)
    expect((await placesLike('FX-D')).length).toBe(real.inserted)
  })

  it('gives rows that name no organisation the one chosen, by id or name; an unknown one refuses the file', async () => {
    const file = '外部编号,名称,类别,经度,纬度,所属单位\nFX-O1,有单位,爱心驿站,121.55,29.88,孔浦街道总工会\nFX-O2,无单位,爱心驿站,121.55,29.88,\n'
    expect(await importBytes(file, { organisation: '中国移动宁波江北分公司' })).toMatchObject({
      organisation: 'china-mobile-jiangbei',
      inserted: 2,
    })
    expect((await placesLike('FX-O')).map((p) => p.organisation_id)).toEqual(['kongpu-union', 'china-mobile-jiangbei'])
    expect((await importBytes(file, { organisation: 'no-such-org' })).fileProblem).toMatchObject({
      code: 'unknown_organisation_option',
    })
  })
})

describe('POST /api/v1/import with a GBK file', () => {
  it('decodes the bytes, says how, and refuses a file over 1 MB in words', async () => {
    const app = await testApp()
    const cookie = await signIn(app, (await createStaff('admin')).username)
    const post = (body: BodyInit) =>
      app.request('/api/v1/import?dry_run=true', {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Cookie: cookie, Origin: 'http://localhost' },
        body,
      })
    const res = await post(new Blob([fixture('gbk-chinese-headers.csv')]))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ encoding: 'gb18030', rows: 2, accepted: 2, rejected: [] })
    const big = await post('x'.repeat(1024 * 1024 + 1))
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({
      detail: expect.stringContaining('larger than 1 MB'),
      fileProblem: { code: 'file_too_large' },
    })
  })
})

// Each case starts Node with tsx: seconds each on a loaded machine.
describe('npm run import on bad input', { timeout: 120_000 }, () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      )
    })

  it('says what is wrong in a line, without a stack trace', async () => {
    const missing = await cli(['no-such-file.csv'])
    expect(missing).toMatchObject({ code: 2, stderr: 'No such file: no-such-file.csv\n' })
    const option = await cli(['x.csv', '--crs', 'mars'])
    expect(option.code).toBe(2)
    expect(option.stderr).toMatch(/^--crs must be one of wgs84, gcj02, bd09\n/)
    const flag = await cli(['x.csv', '--no-such-flag'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).not.toMatch(/\n\s+at /)
  })

  it.runIf(isRealPostgres())('imports a GBK file from the command line and says which encoding it read', async () => {
    const run = await cli(['tests/data/fixtures/import/gbk-chinese-headers.csv', '--dry-run'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Read as: GB18030/GBK')
    // An earlier case imported the same two places: new or updated, two are written.
    expect(run.stdout).toMatch(/Rows read: 2; valid: 2; rejected: 0/)
    expect(run.stdout).toMatch(/Dry run, would write: (2 new|0 new, 2 updated|0 new, 0 updated, 2 unchanged)/)
  })
})
