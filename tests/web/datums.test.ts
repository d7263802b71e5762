import fc from 'fast-check'
import gcoordPackage from 'gcoord'
import { describe, expect, it } from 'vitest'
import { gcjToBd, gcjToWgs, wgsToGcj } from '../../web/lib/datums.js'

const gcoord = 'default' in gcoordPackage ? gcoordPackage.default : gcoordPackage
const china = fc.record({ lng: fc.double({ min: 73, max: 135, noNaN: true }), lat: fc.double({ min: 4, max: 53, noNaN: true }) })

// The app's small datum code must agree with the reference library the tests (and earlier versions) used.
describe('WGS-84 / GCJ-02 / BD-09 without gcoord in the bundle', () => {
  it('matches gcoord to 1e-9° inside China, both ways, and to BD-09', () => {
    fc.assert(
      fc.property(china, (p) => {
        const [gx, gy] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02)
        const g = wgsToGcj(p)
        expect(Math.abs(g.lng - gx)).toBeLessThan(1e-9)
        expect(Math.abs(g.lat - gy)).toBeLessThan(1e-9)
        const [bx, by] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.BD09)
        const b = gcjToBd(g)
        expect(Math.abs(b.lng - bx)).toBeLessThan(1e-9)
        expect(Math.abs(b.lat - by)).toBeLessThan(1e-9)
        const back = gcjToWgs(g)
        expect(Math.abs(back.lng - p.lng)).toBeLessThan(1e-6)
        expect(Math.abs(back.lat - p.lat)).toBeLessThan(1e-6)
      }),
      { numRuns: 500 },
    )
  })

  it('leaves points outside China as they are', () => {
    expect(wgsToGcj({ lng: 2.35, lat: 48.85 })).toEqual({ lng: 2.35, lat: 48.85 })
    expect(gcjToWgs({ lng: -74, lat: 40.7 })).toEqual({ lng: -74, lat: 40.7 })
  })
})
