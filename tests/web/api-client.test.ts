import { describe, expect, it } from 'vitest'
import { metresBetween, placesSearch } from '../../web/api.js'

describe('the web API client', () => {
  it('sends positions on the API’s location grid, never the precise one', () => {
    const search = new URLSearchParams(placesSearch({ lat: 29.884123, lng: 121.556789, radius: 3000 }))
    expect(search.get('lat')).toBe('29.884')
    expect(search.get('lng')).toBe('121.556')
    expect(placesSearch({ lat: 29.884123, lng: 121.556789 })).not.toMatch(/884123|556789/)
  })

  it('measures great-circle metres (one thousandth of a degree of latitude ≈ 111 m)', () => {
    expect(metresBetween({ lat: 29.884, lng: 121.556 }, { lat: 29.885, lng: 121.556 })).toBeCloseTo(111.2, 0)
    expect(metresBetween({ lat: 29.884, lng: 121.556 }, { lat: 29.884, lng: 121.557 })).toBeCloseTo(96.4, 0)
  })
})
