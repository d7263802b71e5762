/**
 * Issue 11: places created or moved by hand stay in the service area unless an admin confirms; the embedded data
 * folder belongs to one process, and a second one (here `db:migrate` and `import`) stops with one clear line.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirBusy, lockDataDir } from '../../api/db/data-dir-lock.js'
import { auditCount, createStaff, createTestPlace, jsonRequest, removeTestPlaces, signIn, trackPlace } from '../helpers/staff.js'
import { testApp } from '../helpers/test-db.js'

afterAll(removeTestPlaces)
const run = promisify(execFile)

describe('service area', () => {
  it('refuses to create or move a place outside it (422 naming location) unless the admin confirms', async () => {
    const app = await testApp()
    const { username } = await createStaff('admin')
    const cookie = await signIn(app, username)
    const outside = await app.request(
      '/api/v1/places',
      jsonRequest('POST', { category: 'caring_station', name_zh: '海上驿站', location: [0, 0] }, { cookie }),
    )
    expect(outside.status).toBe(422)
    expect(outside.headers.get('content-type')).toContain('application/problem+json')
    expect((await outside.json<{ errors: { field: string }[] }>()).errors[0]!.field).toBe('location')
    const confirmed = await app.request(
      '/api/v1/places',
      jsonRequest(
        'POST',
        { category: 'caring_station', name_zh: '海上驿站', location: [0, 0], confirm_outside_area: true },
        { cookie },
      ),
    )
    expect(confirmed.status).toBe(201)
    trackPlace((await confirmed.json<{ id: string }>()).id)

    const id = await createTestPlace()
    const etag = (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
    const before = await auditCount(id)
    const moved = await app.request(
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', { location: [121.5, 0.5] }, { cookie, ifMatch: etag }),
    )
    expect(moved.status).toBe(422)
    expect(await auditCount(id)).toBe(before)
    const inside = await app.request(
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', { location: [121.6, 29.95] }, { cookie, ifMatch: etag }),
    )
    expect(inside.status).toBe(200)
  })

  it('takes its bounds from the configuration', async () => {
    const app = await testApp({ config: { serviceArea: [-1, -1, 1, 1] } })
    const { username } = await createStaff('admin')
    const cookie = await signIn(app, username)
    const res = await app.request(
      '/api/v1/places',
      jsonRequest('POST', { category: 'caring_station', name_zh: '测试站', location: [0.5, 0.5] }, { cookie }),
    )
    expect(res.status).toBe(201)
    trackPlace((await res.json<{ id: string }>()).id)
  })
})

describe('the embedded data folder lock', () => {
  it('stops a second process with one clear line, and takes over a lock whose process is gone', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'waystation-lock-'))
    const dataDir = join(folder, 'pglite')
    const release = lockDataDir(dataDir, 'npm start (test)')
    try {
      const migrate = await run(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
      }).catch((e: { code: number; stderr: string }) => e)
      expect('code' in migrate && migrate.code).toBe(1)
      const lines = migrate.stderr.trim().split('\n')
      expect(lines.at(-1)).toMatch(new RegExp(`in use by process ${process.pid} \\(npm start \\(test\\)\\)`))
      expect(migrate.stderr).not.toMatch(/\n\s+at /) // no stack trace
      expect(existsSync(dataDir)).toBe(false) // nothing was created behind the running server's back
      const file = join(folder, 'x.csv')
      writeFileSync(file, 'external_id,name_zh,category,lng,lat\nx,测试,caring_station,121.55,29.9\n')
      const imported = await run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
      }).catch((e: { code: number; stderr: string }) => e)
      expect(imported.stderr).toMatch(/Nothing imported: The embedded database .* is in use by process/)
      expect(imported.stderr).not.toMatch(/\n\s+at /)
    } finally {
      release()
    }
    // A lock left by a process that no longer exists is taken over.
    writeFileSync(join(folder, '.pglite.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'crashed' }))
    const again = lockDataDir(dataDir)
    expect(() => lockDataDir(dataDir, 'other')).not.toThrow() // same process: its own lock
    again()
    writeFileSync(join(folder, '.pglite.lock'), JSON.stringify({ pid: process.ppid, command: 'parent' }))
    expect(() => lockDataDir(dataDir)).toThrow(DataDirBusy)
  })
})
