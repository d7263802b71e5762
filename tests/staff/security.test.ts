import { afterAll, describe, expect, it } from 'vitest'
import { createStaff, createTestPlace, jsonRequest, ORG_WAITAN, placeRow, removeTestPlaces, signIn } from '../helpers/staff.js'
import { testApp } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

describe('security headers', () => {
  it('are on every data answer, errors, 404s and 413s included: nothing may load, frame or sniff from it', async () => {
    const app = await testApp({ config: { tileHosts: ['https://tiles.example.org'] } })
    const responses = [
      await app.request('/api/v1/categories'),
      await app.request('/healthz'),
      await app.request('/api/v1/export.csv'),
      await app.request('/api/v1/export.geojson'),
      await app.request('/api/v1/nothing-here'),
      await app.request('/api/v1/places?lat=999'),
      await app.request('/api/v1/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(2 * 1024 * 1024) },
        body: 'x'.repeat(2 * 1024 * 1024),
      }),
    ]
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 404, 400, 413])
    for (const res of responses) {
      expect(res.headers.get('content-type')).toMatch(/json|csv/)
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      // Policies that only mean something for a page are left off a data answer.
      expect(res.headers.get('referrer-policy')).toBeNull()
      expect(res.headers.get('permissions-policy')).toBeNull()
    }
  })

  it('on a page: its own scripts and styles only, images also from the tile hosts, never framed', async () => {
    const app = await testApp({ config: { tileHosts: ['https://tiles.example.org'] } })
    const res = await app.request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/tiles\.example\.org/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin')
  })

  it('allow the default tile hosts (OSM, Tianditu, Amap) on a page when none are configured', async () => {
    const csp = (await (await testApp()).request('/api/docs')).headers.get('content-security-policy')!
    for (const host of ['https://*.tile.openstreetmap.org', 'https://*.tianditu.gov.cn', 'https://*.is.autonavi.com'])
      expect(csp).toContain(host)
  })
})

describe('CSRF: writes from a foreign origin', () => {
  it('are refused with 403 and change nothing, while same-origin writes pass', async () => {
    const app = await testApp()
    const cookie = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
    const id = await createTestPlace(ORG_WAITAN)
    const etag = (await app.request(`/api/v1/places/${id}`)).headers.get('etag')!
    const body = { status: 'closed' }
    const foreign = await app.request(
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', body, { cookie, ifMatch: etag, origin: 'https://evil.example' }),
    )
    expect(foreign.status).toBe(403)
    const nullOrigin = await app.request(
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', body, { cookie, ifMatch: etag, origin: 'null' }),
    )
    expect(nullOrigin.status).toBe(403)
    const crossSite = await app.request(`/api/v1/places/${id}`, {
      method: 'PATCH',
      headers: { Cookie: cookie, 'If-Match': etag, 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify(body),
    })
    expect(crossSite.status).toBe(403)
    const signOut = await app.request(
      '/api/v1/session',
      jsonRequest('DELETE', undefined, { cookie, origin: 'https://evil.example' }),
    )
    expect(signOut.status).toBe(403)
    expect((await placeRow(id)).status).toBe('open')
    const own = await app.request(
      `/api/v1/places/${id}`,
      jsonRequest('PATCH', body, { cookie, ifMatch: etag, origin: 'http://localhost' }),
    )
    expect(own.status).toBe(200)
    expect((await placeRow(id)).status).toBe('closed')
  })

  it('applies to the public report form too', async () => {
    const app = await testApp()
    const id = await createTestPlace(ORG_WAITAN)
    const res = await app.request(
      `/api/v1/places/${id}/reports`,
      jsonRequest('POST', { kind: 'closed' }, { origin: 'https://evil.example' }),
    )
    expect(res.status).toBe(403)
  })
})
