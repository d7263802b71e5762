import { describe, expect, it } from 'vitest'
import type { ImportReport } from '../../api/import/run-import.js'
import { createStaff, signIn } from '../helpers/staff.js'
import { testApp, testDatabase } from '../helpers/test-db.js'

const FILE = '\ufeff外部编号,名称,类别,经度,纬度,设施\r\nWEB-1,网页导入一,爱心驿站,121.55,29.88,饮水;充电\r\nWEB-2,网页导入二,爱心驿站,121.56,29.89,热饭\r\n'

async function post(query: string, body: string, opts: { cookie?: string; type?: string } = {}) {
  const app = await testApp()
  const headers: Record<string, string> = { 'Content-Type': opts.type ?? 'text/csv; charset=utf-8', Origin: 'http://localhost' }
  if (opts.cookie) headers.Cookie = opts.cookie
  const res = await app.request(`/api/v1/import${query}`, { method: 'POST', headers, body })
  return { res, body: await res.json<ImportReport & { report?: ImportReport; detail?: string }>() }
}

async function admin() {
  const { username } = await createStaff('admin')
  return signIn(await testApp(), username)
}

const exists = async (externalId: string) => {
  const { db } = await testDatabase()
  return Boolean(await db.selectFrom('place').where('external_id', '=', externalId).select('id').executeTakeFirst())
}

describe('POST /api/v1/import', () => {
  it('is for administrators only', async () => {
    expect((await post('', FILE)).res.status).toBe(401)
    const { username } = await createStaff('editor', ['waitan-union'])
    expect((await post('', FILE, { cookie: await signIn(await testApp(), username) })).res.status).toBe(403)
  })

  it('previews with dry_run=true, then writes when confirmed', async () => {
    const cookie = await admin()
    const preview = await post('?dry_run=true', FILE, { cookie })
    expect(preview.res.status).toBe(200)
    expect(preview.body).toMatchObject({ rows: 2, inserted: 2, written: false, dryRun: true, rejected: [] })
    expect(await exists('WEB-1')).toBe(false)
    const confirm = await post('', FILE, { cookie })
    expect(confirm.body).toMatchObject({ inserted: 2, written: true })
    expect(await exists('WEB-1')).toBe(true)
  })

  it('answers 422 with the report when rows are rejected, and writes nothing', async () => {
    const cookie = await admin()
    const { res, body } = await post('', FILE.replace('WEB-2,网页导入二,爱心驿站,121.56', 'WEB-3,坏行,爱心驿站,999'), { cookie })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(body.report!.rejected).toEqual([expect.objectContaining({ line: 3, field: 'lat', reason: expect.stringContaining('bad coordinate') })])
    expect(await exists('WEB-3')).toBe(false)
  })

  it('reads GeoJSON in GCJ-02 and refuses a body of the wrong type or bad parameters', async () => {
    const cookie = await admin()
    const doc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [121.55, 29.88] }, properties: { external_id: 'WEB-G', name: '高德点' } }] }
    const ok = await post('?format=geojson&crs=gcj02&category=caring_station', JSON.stringify(doc), { cookie, type: 'application/geo+json' })
    expect(ok.body).toMatchObject({ inserted: 1, written: true })
    expect((await post('?format=geojson', FILE, { cookie })).res.status).toBe(415)
    expect((await post('?crs=mars', FILE, { cookie })).res.status).toBe(400)
    expect((await post('', 'name,lng\nx,1\n', { cookie })).res.status).toBe(422)
  })
})
