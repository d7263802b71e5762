/**
 * Issue 11, "anyone can cause a 500": each input found to crash the server, sent through the Node stack people run
 * (api/server/node-server.ts), now answers with a problem+json 4xx naming what is wrong (or a 200 where the
 * request is legitimate, like a whole-world bbox).
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.js'
import { DEFAULT_TILE_HOSTS } from '../../api/context.js'
import { startNodeServer, type RunningNodeServer } from '../../api/server/node-server.js'
import { auditCount, createStaff, createTestPlace, PASSWORD, removeTestPlaces } from '../helpers/staff.js'
import { shanghai, testDatabase } from '../helpers/test-db.js'

let server: RunningNodeServer
beforeAll(async () => {
  const { db } = await testDatabase()
  const app = createApp({ db, clock: () => shanghai('2026-11-25T10:00') })
  server = await startNodeServer({ app, tileHosts: DEFAULT_TILE_HOSTS, port: 0, hostname: '127.0.0.1' })
})
afterAll(async () => {
  await server?.close()
  await removeTestPlaces()
})

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init)

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  return await res.json<{ detail: string; errors?: { field: string; message: string }[] }>()
}

async function signIn(): Promise<string> {
  const admin = await createStaff('admin')
  const res = await call('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: admin.username, password: PASSWORD }),
  })
  expect(res.status).toBe(201)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

describe('bbox, q and cursor that used to crash', () => {
  it('answers a whole-world bbox on the API and on OGC, and finds the places', async () => {
    const places = await call('/api/v1/places?bbox=-180,-90,180,90&limit=5')
    expect(places.status).toBe(200)
    expect((await places.json<{ features: unknown[] }>()).features).toHaveLength(5)
    const ogc = await call('/ogc/collections/places/items?bbox=-180,-90,180,90&limit=5')
    expect(ogc.status).toBe(200)
    expect((await ogc.json<{ numberMatched: number }>()).numberMatched).toBeGreaterThan(100)
  })

  it('finds Ningbo in a box wider than half the globe (a geography envelope would wrap the other way)', async () => {
    const res = await call('/ogc/collections/places/items?bbox=-170,0,170,60&limit=1')
    expect((await res.json<{ numberMatched: number }>()).numberMatched).toBeGreaterThan(100)
  })

  it('refuses an out-of-range or degenerate bbox with 400 naming bbox', async () => {
    for (const bbox of ['200,0,300,10', '1,1,1,1', '0,0,1', 'NaN,0,1,1', '1e999,0,1,1']) {
      const problem = await expectProblem(await call(`/api/v1/places?bbox=${bbox}`), 400)
      expect(problem.errors?.[0]?.field).toBe('bbox')
    }
    await expectProblem(await call('/ogc/collections/places/items?bbox=0,0,1e999,1'), 400)
  })

  it('refuses NUL in q and an over-long or foreign cursor', async () => {
    expect((await expectProblem(await call('/api/v1/places?q=a%00b'), 400)).errors?.[0]).toMatchObject({ field: 'q' })
    const long = await expectProblem(await call(`/api/v1/places?cursor=${'A'.repeat(201)}`), 400)
    expect(long.errors?.[0]?.field).toBe('cursor')
    await expectProblem(await call('/api/v1/places?cursor=eyJ4IjoxfQ'), 400)
  })

  it('refuses NUL in a place id in the path', async () => {
    const problem = await expectProblem(await call('/api/v1/places/a%00b'), 400)
    expect(problem.errors?.[0]?.field).toBe('path')
  })
})

describe('text the database cannot store', () => {
  it('refuses NUL and a lone surrogate in a JSON body with 400 naming the field, writing nothing', async () => {
    const cookie = await signIn()
    const id = await createTestPlace()
    const etag = (await call(`/api/v1/places/${id}`)).headers.get('etag')!
    const before = await auditCount(id)
    for (const body of ['{"name_zh":"x\\u0000y"}', '{"name_zh":"a\\ud800b"}', '{"details":{"x\\u0000":1}}']) {
      const res = await call(`/api/v1/places/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'If-Match': etag },
        body,
      })
      const problem = await expectProblem(res, 400)
      expect(problem.errors?.[0]?.field).toMatch(/^(name_zh|details\..*)$/)
    }
    expect(await auditCount(id)).toBe(before)
  })

  it('rejects a GeoJSON import whose text holds an escaped NUL, naming the line and field', async () => {
    const cookie = await signIn()
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [121.55, 29.88] },
          properties: { external_id: 'nul-1', category: 'caring_station', name_zh: 'a\u0000b' },
        },
      ],
    })
    const res = await call('/api/v1/import?format=geojson', {
      method: 'POST',
      headers: { 'Content-Type': 'application/geo+json', Cookie: cookie },
      body: file,
    })
    const problem = (await expectProblem(res, 422)) as unknown as { report: { rejected: { field: string; code: string }[] } }
    expect(problem.report.rejected[0]).toMatchObject({ field: 'name_zh', code: 'unsafe_text' })
  })
})

describe('methods and unknown routes', () => {
  it('answers 404 and 405 with Allow as problem+json, and refuses TRACE', async () => {
    await expectProblem(await call('/api/v1/no-such-thing'), 404)
    const wrong = await call('/api/v1/places', { method: 'DELETE' })
    await expectProblem(wrong, 405)
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST')
    const trace = await call('/api/v1/places', { method: 'PUT' })
    expect(trace.status).toBe(405)
    const placeWrong = await call('/api/v1/places/tb-jiancai', { method: 'PUT' })
    expect(placeWrong.headers.get('allow')).toContain('PATCH')
  })

  it("answers Node's own parser errors as problem+json", async () => {
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'))
      let text = ''
      socket.on('data', (d) => (text += d.toString()))
      socket.on('close', () => resolve(text))
    })
    expect(raw).toMatch(/^HTTP\/1\.1 400 /)
    expect(raw).toContain('Content-Type: application/problem+json')
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 })
  })

  it('refuses TRACE (fetch cannot send it, so over a socket)', async () => {
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write('TRACE /api/v1/places HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      )
      let text = ''
      socket.on('data', (d) => (text += d.toString()))
      socket.on('close', () => resolve(text))
    })
    expect(raw).toMatch(/^HTTP\/1\.1 405 /)
    expect(raw.toLowerCase()).toContain('content-type: application/problem+json')
  })
})
