import { describe, expect, it } from 'vitest'
import { redactedPath } from '../../api/middleware/request-log.js'
import { createPlace } from '../helpers/fixtures.js'
import { testApp } from '../helpers/test-db.js'

describe('request log', () => {
  it('records requests without the caller’s coordinates', async () => {
    const place = await createPlace()
    const lines: string[] = []
    const app = await testApp({ log: (line) => lines.push(line) })
    await app.request('/api/v1/places?lat=29.884&lng=121.556&amenity=toilet&bbox=121.55,29.88,121.56,29.89')
    await app.request('/api/v1/places?lat=29.884123&lng=121.556789&limit=1')
    await app.request(`/api/v1/places/${place.id}`)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('GET /api/v1/places?')
    expect(lines[0]).toContain('amenity=toilet')
    expect(lines[0]).toContain(' 200 ')
    for (const line of lines) expect(line).not.toMatch(/29\.88|121\.55|121\.56/)
    expect(lines[1]).toContain('lat=redacted')
  })
  it('names every query parameter the API documents (none logged as an unknown one)', async () => {
    const app = await testApp()
    const doc = await (await app.request('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>
    }>()
    const names = new Set(
      Object.values(doc.paths).flatMap((methods) =>
        Object.values(methods).flatMap((op) => (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)),
      ),
    )
    expect(names.size).toBeGreaterThan(15)
    const unknown = [...names].filter((name) => redactedPath(`http://localhost/api?${name}=1`).includes('unknown='))
    expect(unknown).toEqual([])
    // The map's zoom level says nothing about where anyone is: logged with its value.
    expect(redactedPath('http://localhost/api/v1/places/viewport?bbox=121.5,29.8,121.6,29.9&zoom=12')).toBe(
      '/api/v1/places/viewport?bbox=redacted&zoom=12',
    )
  })
})
