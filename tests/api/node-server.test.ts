/**
 * The Node stack people run (api/server/node-server.ts), over HTTP: gzip on, security headers on static files too,
 * the immutable asset cache, the single-page fallback, and a staff save with the weak ETag gzip makes of ours.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.js'
import { DEFAULT_TILE_HOSTS } from '../../api/context.js'
import { startNodeServer, type RunningNodeServer } from '../../api/server/node-server.js'
import { createStaff, createTestPlace, ORG_WAITAN, placeRow, removeTestPlaces, PASSWORD } from '../helpers/staff.js'
import { shanghai, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

let server: RunningNodeServer
beforeAll(async () => {
  const webDist = mkdtempSync(join(tmpdir(), 'waystation-web-'))
  mkdirSync(join(webDist, 'assets'))
  writeFileSync(join(webDist, 'index.html'), `<!doctype html><title>shell</title>${'<!-- padding -->'.repeat(100)}`)
  writeFileSync(join(webDist, 'assets', 'app-abc123.js'), `console.log(1)\n${'// padding\n'.repeat(200)}`)
  const { db } = await testDatabase()
  const app = createApp({ db, clock: () => shanghai('2026-11-25T10:00') })
  server = await startNodeServer({ app, tileHosts: DEFAULT_TILE_HOSTS, webDist, port: 0, hostname: '127.0.0.1' })
})
afterAll(() => server?.close())

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { 'Accept-Encoding': 'gzip', ...headers } })

describe('the Node server stack', () => {
  it('gzips JSON and turns the place ETag weak, as any compressing proxy may', async () => {
    const res = await get('/api/v1/places?limit=50')
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    const place = await get('/api/v1/places/tb-jiancai')
    expect(place.headers.get('content-encoding')).toBe('gzip')
    expect(place.headers.get('etag')).toMatch(/^W\/"tb-jiancai\.v\d+\./)
    const again = await get('/api/v1/places/tb-jiancai', { 'If-None-Match': place.headers.get('etag')! })
    expect(again.status).toBe(304)
  })

  it('serves the shell for app paths, assets as immutable, and never the shell for the API', async () => {
    const shell = await get('/staff', { Accept: 'text/html' })
    expect(shell.status).toBe(200)
    expect(await shell.text()).toContain('<title>shell</title>')
    expect(shell.headers.get('x-frame-options')).toBe('DENY')
    expect(shell.headers.get('content-security-policy')).toContain("script-src 'self'")
    const asset = await get('/assets/app-abc123.js')
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(asset.headers.get('content-encoding')).toBe('gzip')
    const api = await get('/api/v1/nothing-here', { Accept: 'text/html' })
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toContain('application/problem+json')
  })

  it('saves a staff edit sent with the weak ETag the compressed GET gave', async () => {
    const editor = await createStaff('editor', [ORG_WAITAN])
    const id = await createTestPlace(ORG_WAITAN)
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: editor.username, password: PASSWORD }),
    })
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
    const etag = (await get(`/api/v1/places/${id}`, { Cookie: cookie })).headers.get('etag')!
    expect(etag).toMatch(/^W\//)
    const saved = await fetch(`${server.url}/api/v1/places/${id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'If-Match': etag, Cookie: cookie, 'Accept-Encoding': 'gzip' },
      body: JSON.stringify({ phone: '0574-1234' }),
    })
    expect(saved.status).toBe(200)
    expect((await placeRow(id)).phone).toBe('0574-1234')
  })
})
