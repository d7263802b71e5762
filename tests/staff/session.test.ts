import { describe, expect, it } from 'vitest'
import { createStaff, jsonRequest, PASSWORD, signIn } from '../helpers/staff.js'
import { shanghai, testApp, testDatabase } from '../helpers/test-db.js'

const login = (username: string, password: string, client = 'client-a') => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Test-Client': client },
  body: JSON.stringify({ username, password }),
})
const appFor = (now = shanghai('2026-11-25T10:00')) =>
  testApp({ clock: () => now, clientAddress: (c) => c.req.header('x-test-client') })

describe('POST /api/v1/session', () => {
  it('signs in with a HttpOnly SameSite=Strict cookie and stores only the token hash', async () => {
    const { username } = await createStaff('editor', ['waitan-union'])
    const app = await appFor()
    const res = await app.request('/api/v1/session', login(username, PASSWORD))
    expect(res.status).toBe(201)
    const body = await res.json<{ account: { username: string; role: string; organisations: string[] } }>()
    expect(body.account).toMatchObject({ username, role: 'editor', organisations: ['waitan-union'] })
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(cookie).not.toMatch(/Secure/i)
    const token = cookie.split(';')[0]!.split('=')[1]!
    const { db } = await testDatabase()
    const stored = await db.selectFrom('staff_session').select('token_hash').where('token_hash', '=', token).executeTakeFirst()
    expect(stored).toBeUndefined()
  })

  it('marks the cookie Secure when served over https', async () => {
    const { username } = await createStaff('editor')
    const res = await (await appFor()).request('https://waystation.example/api/v1/session', login(username, PASSWORD))
    expect(res.status).toBe(201)
    expect(res.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('refuses a wrong password and an unknown user alike', async () => {
    const { username } = await createStaff('editor')
    const app = await appFor()
    const wrong = await app.request('/api/v1/session', login(username, 'not the password'))
    const unknown = await app.request('/api/v1/session', login('nobody-here', 'not the password'))
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect((await wrong.json<{ detail: string }>()).detail).toBe((await unknown.json<{ detail: string }>()).detail)
  })

  it('locks the account after 5 failures, even for the right password, and the lock survives a restart', async () => {
    const { username } = await createStaff('editor')
    const app = await appFor()
    for (let i = 0; i < 5; i++)
      expect((await app.request('/api/v1/session', login(username, 'wrong password', `c${i}`))).status).toBe(401)
    const locked = await app.request('/api/v1/session', login(username, PASSWORD, 'another-client'))
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await locked.json<{ retry_after: number }>()).retry_after).toBe(Number(locked.headers.get('retry-after')))
    const restarted = await appFor(shanghai('2026-11-25T10:05'))
    expect((await restarted.request('/api/v1/session', login(username, PASSWORD))).status).toBe(429)
    const later = await appFor(shanghai('2026-11-25T10:16'))
    expect((await later.request('/api/v1/session', login(username, PASSWORD))).status).toBe(201)
  })

  it('limits one client trying many accounts', async () => {
    const app = await appFor()
    const client = `spray-${Date.now()}`
    for (let i = 0; i < 20; i++)
      expect((await app.request('/api/v1/session', login(`guess${i}`, 'password123', client))).status).toBe(401)
    expect((await app.request('/api/v1/session', login('guess-more', 'password123', client))).status).toBe(429)
    const { username } = await createStaff('editor')
    expect((await app.request('/api/v1/session', login(username, PASSWORD, `${client}-other`))).status).toBe(201)
  })

  it('answers 400 for invalid JSON and 422 for a body of the wrong shape', async () => {
    const app = await appFor()
    expect((await app.request('/api/v1/session', { ...login('a', 'b'), body: '{"username":' })).status).toBe(400)
    expect(
      (await app.request('/api/v1/session', { ...login('a', 'b'), body: JSON.stringify({ username: 5, password: [] }) })).status,
    ).toBe(422)
  })
})

describe('GET and DELETE /api/v1/session', () => {
  it('says who is signed in, and nobody after sign-out; the old token stays revoked', async () => {
    const { username } = await createStaff('admin')
    const app = await appFor()
    const cookie = await signIn(app, username)
    const who = await app.request('/api/v1/session', { headers: { Cookie: cookie } })
    expect((await who.json<{ account: { username: string } }>()).account.username).toBe(username)
    const out = await app.request('/api/v1/session', jsonRequest('DELETE', undefined, { cookie }))
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/)
    const after = await app.request('/api/v1/session', { headers: { Cookie: cookie } })
    expect((await after.json<{ account: unknown }>()).account).toBeNull()
    expect((await app.request('/api/v1/staff/places', { headers: { Cookie: cookie } })).status).toBe(401)
  })

  it('rejects an expired token', async () => {
    const { username } = await createStaff('admin')
    const cookie = await signIn(await appFor(shanghai('2026-11-25T08:00')), username)
    expect(
      (await (await appFor(shanghai('2026-11-25T19:59'))).request('/api/v1/staff/places', { headers: { Cookie: cookie } }))
        .status,
    ).toBe(200)
    expect(
      (await (await appFor(shanghai('2026-11-25T20:01'))).request('/api/v1/staff/places', { headers: { Cookie: cookie } }))
        .status,
    ).toBe(401)
  })

  it('rejects a made-up token', async () => {
    const res = await (await appFor()).request('/api/v1/staff/places', { headers: { Cookie: 'waystation_session=forged' } })
    expect(res.status).toBe(401)
  })
})
