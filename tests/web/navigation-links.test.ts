import { describe, expect, it } from 'vitest'
import { amapLink, appleLink, baiduLink, fromGcj02, geoLink, toBd09, toGcj02 } from '../../web/lib/navigation-links.js'

// Reference pairs published with the widely used coordtransform library (wandergis/coordtransform README).
const BEIJING_WGS84 = { lng: 116.404, lat: 39.915 }
const BEIJING_GCJ02 = { lng: 116.41024449916938, lat: 39.91640428150164 }
const BEIJING_AS_GCJ02_IN_BD09 = { lng: 116.41036949371029, lat: 39.92133699351021 }
const station = { lng: 121.553237, lat: 29.888787, name: '罗森便利店（人民路店）爱心驿站' }

const params = (href: string) => new URL(href).searchParams

describe('coordinate conversion', () => {
  it('shifts WGS-84 into GCJ-02 as the reference does', () => {
    const p = toGcj02(BEIJING_WGS84)
    expect(p.lng).toBeCloseTo(BEIJING_GCJ02.lng, 6)
    expect(p.lat).toBeCloseTo(BEIJING_GCJ02.lat, 6)
  })

  it('shifts GCJ-02 into BD-09 as the reference does', () => {
    const p = toBd09(fromGcj02({ lng: 116.404, lat: 39.915 }))
    expect(p.lng).toBeCloseTo(BEIJING_AS_GCJ02_IN_BD09.lng, 5)
    expect(p.lat).toBeCloseTo(BEIJING_AS_GCJ02_IN_BD09.lat, 5)
  })

  it('moves a Ningbo point by the few hundred metres the datums differ there', () => {
    const gcj = toGcj02(station)
    const bd = toBd09(station)
    expect(gcj.lng - station.lng).toBeGreaterThan(0.003)
    expect(gcj.lng - station.lng).toBeLessThan(0.006)
    expect(gcj.lat - station.lat).toBeLessThan(0)
    expect(bd.lng - gcj.lng).toBeGreaterThan(0.005)
    expect(bd.lat - gcj.lat).toBeGreaterThan(0.004)
  })
})

describe('navigation links', () => {
  it('gives Amap GCJ-02 coordinates, the walking mode and the native hand-off', () => {
    const p = params(amapLink(station, 'walk'))
    const [lng, lat, name] = p.get('to')!.split(',')
    const gcj = toGcj02(station)
    expect(Number(lng)).toBeCloseTo(gcj.lng, 6)
    expect(Number(lat)).toBeCloseTo(gcj.lat, 6)
    expect(name).toBe(station.name)
    expect(p.get('mode')).toBe('walk')
    expect(p.get('coordinate')).toBe('gaode')
    expect(p.get('callnative')).toBe('1')
    expect(params(amapLink(station, 'ride')).get('mode')).toBe('ride')
  })

  it('gives Baidu BD-09 coordinates, lat first, with a start when one is known', () => {
    const bd = toBd09(station)
    const marker = new URL(baiduLink(station, 'walk'))
    expect(marker.pathname).toBe('/marker')
    const [lat, lng] = marker.searchParams.get('location')!.split(',').map(Number)
    expect(lat).toBeCloseTo(bd.lat, 6)
    expect(lng).toBeCloseTo(bd.lng, 6)
    expect(marker.searchParams.get('coord_type')).toBe('bd09ll')

    const direction = new URL(baiduLink(station, 'ride', { lng: 121.55, lat: 29.89 }))
    expect(direction.pathname).toBe('/direction')
    expect(direction.searchParams.get('mode')).toBe('riding')
    expect(direction.searchParams.get('destination')).toBe(
      `latlng:${bd.lat.toFixed(6)},${bd.lng.toFixed(6)}|name:${station.name}`,
    )
    const start = toBd09({ lng: 121.55, lat: 29.89 })
    expect(direction.searchParams.get('origin')).toBe(`latlng:${start.lat.toFixed(6)},${start.lng.toFixed(6)}|name:start`)
  })

  it('gives Apple Maps and geo: the untouched WGS-84 position', () => {
    const apple = params(appleLink(station, 'walk'))
    expect(apple.get('daddr')).toBe('29.888787,121.553237')
    expect(apple.get('dirflg')).toBe('w')
    expect(params(appleLink(station, 'ride')).get('dirflg')).toBeNull()
    expect(geoLink(station)).toMatch(/^geo:29\.888787,121\.553237\?q=29\.888787,121\.553237\(/)
  })

  it('keeps separators in names from breaking the parameters', () => {
    const p = params(amapLink({ ...station, name: 'A,B|C' }, 'walk'))
    expect(p.get('to')!.split(',')).toHaveLength(3)
  })
})
