import { describe, expect, it } from 'vitest'
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
})
