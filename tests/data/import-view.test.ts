import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatOf, importRequest, sendImport } from '../../web/staff/import-view.js'
import { createStaff, signIn } from '../helpers/staff.js'
import { testApp } from '../helpers/test-db.js'

const CSV = '外部编号,名称,类别,经度,纬度\nVIEW-1,界面导入,爱心驿站,121.55,29.88\n'

/** fetch as the signed-in admin's browser would do it, answered by the app in-process. */
async function browserFetchAsAdmin() {
  const app = await testApp()
  const cookie = await signIn(app, (await createStaff('admin')).username)
  vi.stubGlobal('fetch', (url: string, init: RequestInit) =>
    app.request(url, { ...init, headers: { ...(init.headers as Record<string, string>), Cookie: cookie, Origin: 'http://localhost' } }),
  )
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('staff import view (client side of POST /api/v1/import)', () => {
  it('picks the format from the file name and builds the request', () => {
    expect(formatOf('站点.GeoJSON')).toBe('geojson')
    expect(formatOf('stations.csv')).toBe('csv')
    expect(importRequest({ format: 'csv', crs: 'bd09', skipInvalid: true }, true)).toEqual({
      url: '/api/v1/import?format=csv&crs=bd09&dry_run=true&skip_invalid=true',
      contentType: 'text/csv',
    })
    expect(importRequest({ format: 'csv', crs: 'wgs84', skipInvalid: false, organisation: 'waitan-union', category: '' }, false).url).toBe(
      '/api/v1/import?format=csv&crs=wgs84&organisation=waitan-union&dry_run=false&skip_invalid=false',
    )
  })

  it('previews, then imports', async () => {
    await browserFetchAsAdmin()
    const choice = { format: 'csv', crs: 'wgs84', skipInvalid: false } as const
    expect(await sendImport(new Blob([CSV]), choice, true)).toMatchObject({ dryRun: true, inserted: 1, written: false })
    expect(await sendImport(new Blob([CSV]), choice, false)).toMatchObject({ inserted: 1, written: true })
  })

  it('shows the report of a rejected file, and the detail of other failures', async () => {
    await browserFetchAsAdmin()
    const choice = { format: 'csv', crs: 'wgs84', skipInvalid: false } as const
    const report = await sendImport(new Blob([CSV.replace('29.88', 'north')]), choice, false)
    expect(report.rejected).toEqual([expect.objectContaining({ line: 2, field: 'lat', reason: expect.stringContaining('bad coordinate') })])
    expect((await sendImport(new Blob(['']), choice, true)).fileProblem).toMatchObject({ code: 'file_empty' })
  })
})
