import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { declutter, type Rect } from '../../web/map/declutter.js'

const SIZE = 44
const box = (p: { x: number; y: number }, size = SIZE): Rect => ({
  left: p.x - size / 2,
  top: p.y - size / 2,
  right: p.x + size / 2,
  bottom: p.y + size / 2,
})
const overlap = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
/** A 360 × 96 phone strip with the zoom buttons on the left and the legend on the right, as the app draws it. */
const STRIP: Rect = { left: 0, top: 0, right: 360, bottom: 96 }
const ZOOM: Rect = { left: 10, top: 4, right: 58, bottom: 96 }
const LEGEND: Rect = { left: 284, top: 8, right: 352, bottom: 54 }

describe('declutter: every map marker a whole tap target', () => {
  it('counts two overlapping bubbles into one, at the bigger one, zooming to their weighted centre', () => {
    const drawn = declutter(
      [
        { x: 150, y: 40, count: 6 },
        { x: 170, y: 50, count: 2 },
      ],
      { size: SIZE, bounds: STRIP, obstacles: [] },
    )
    expect(drawn).toEqual([{ x: 150, y: 40, count: 8, centre: { x: 155, y: 42.5 } }])
  })

  it('moves a lone place aside from its neighbour instead of counting it into a bubble', () => {
    const drawn = declutter(
      [
        { x: 150, y: 48, count: 1, id: 'a' },
        { x: 160, y: 48, count: 1, id: 'b' },
      ],
      { size: SIZE, bounds: STRIP, obstacles: [] },
    )
    expect(drawn.map((d) => d.id).sort()).toEqual(['a', 'b'])
    expect(overlap(box(drawn[0]!), box(drawn[1]!))).toBe(false)
  })

  it('keeps a lone place (with its id) where nothing is in the way', () => {
    expect(declutter([{ x: 200, y: 48, count: 1, id: 'a' }], { size: SIZE, bounds: STRIP, obstacles: [ZOOM, LEGEND] })).toEqual([
      { x: 200, y: 48, count: 1, id: 'a', centre: { x: 200, y: 48 } },
    ])
  })

  it('moves a bubble out from under the legend, the least distance', () => {
    const [drawn] = declutter([{ x: 300, y: 30, count: 5 }], { size: SIZE, bounds: STRIP, obstacles: [ZOOM, LEGEND] })
    expect(overlap(box(drawn!), LEGEND)).toBe(false)
    expect(Math.hypot(drawn!.x - 300, drawn!.y - 30)).toBeLessThanOrEqual(60)
  })

  it('never leaves markers overlapping each other, a control, the open place or the map edge', () => {
    const point = fc.record({ x: fc.integer({ min: 0, max: 360 }), y: fc.integer({ min: 0, max: 96 }) })
    fc.assert(
      fc.property(
        fc.array(fc.record({ p: point, count: fc.integer({ min: 1, max: 40 }) }), { maxLength: 40 }),
        fc.option(point, { nil: undefined }),
        (items, selected) => {
          const fixed = selected ? box(selected, SIZE + 8) : null
          const drawn = declutter(
            items.map(({ p, count }, i) => ({ ...p, count, ...(count === 1 ? { id: String(i) } : {}) })),
            { size: SIZE, bounds: STRIP, obstacles: [ZOOM, LEGEND], fixed },
          )
          // Nothing lost: every place is counted once.
          expect(drawn.reduce((sum, d) => sum + d.count, 0)).toBe(items.reduce((sum, i) => sum + i.count, 0))
          for (const [i, d] of drawn.entries()) {
            const b = box(d)
            for (const other of drawn.slice(i + 1)) expect(overlap(b, box(other))).toBe(false)
            // Clear of the controls and inside the strip whenever the strip has room for it (it always has here).
            expect(overlap(b, ZOOM) || overlap(b, LEGEND) || (fixed !== null && overlap(b, fixed))).toBe(false)
            expect(b.left >= 0 && b.top >= 0 && b.right <= 360 && b.bottom <= 96).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
