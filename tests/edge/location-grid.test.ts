import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GRID_STEPS_PER_DEGREE, gridSearchParams, snapBboxOutward, snapToGrid } from '../../api/lib/location-grid.js'

const HALF_CELL = 0.5 / GRID_STEPS_PER_DEGREE
const grid = (query: string) => gridSearchParams(new URLSearchParams(query))?.toString()

describe('snapToGrid', () => {
  it('moves a position at most half a cell, onto a value with at most 3 decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), (value) => {
        const snapped = snapToGrid(value)
        expect(Math.abs(Number(snapped) - value)).toBeLessThanOrEqual(HALF_CELL + 1e-9)
        expect(snapped).toMatch(/^-?\d{1,3}(\.\d{1,3})?$/)
        expect(snapToGrid(Number(snapped))).toBe(snapped)
      }),
    )
  })

  it('keeps grid values as they are despite floating point', () => {
    expect(snapToGrid(29.884)).toBe('29.884')
    expect(snapToGrid(121.556)).toBe('121.556')
    expect(snapToGrid(29.8851)).toBe('29.886')
  })
})

describe('snapBboxOutward', () => {
  it('grows a box to grid lines so it still covers the requested one', () => {
    expect(snapBboxOutward('121.5431,29.8812,121.5599,29.9001')).toBe('121.542,29.88,121.56,29.902')
    expect(snapBboxOutward('121.54,29.88,121.56,29.9')).toBe('121.54,29.88,121.56,29.9')
  })

  it('gives up on a bbox that is not four numbers', () => {
    expect(snapBboxOutward('1,2,3')).toBeUndefined()
    expect(snapBboxOutward('a,b,c,d')).toBeUndefined()
  })
})

describe('gridSearchParams', () => {
  it('snaps lat and lng and keeps every other parameter and the order', () => {
    expect(grid('lat=29.885123&lng=121.556789&amenity=wifi&limit=10')).toBe('lat=29.886&lng=121.556&amenity=wifi&limit=10')
  })

  it('leaves a search already on the grid alone, however its numbers are written', () => {
    expect(grid('lat=29.884&lng=121.556&limit=10')).toBeUndefined()
    expect(grid('lat=29.8840&lng=121.55600')).toBeUndefined()
    expect(grid('bbox=121.540,29.880,121.56,29.9')).toBeUndefined()
    expect(grid('category=clinic')).toBeUndefined()
  })

  it('leaves a position that is not a number to validation', () => {
    expect(grid('lat=north&lng=121.556789')).toBeUndefined()
    expect(grid('bbox=1,2,3')).toBeUndefined()
  })
})
