/**
 * The body hash behind the API's ETags reads four bytes at a time: every byte still counts (one changed byte,
 * wherever it is, aligned or in the tail, gives another tag), and the same bytes give the same tag wherever they
 * sit in memory (a Buffer from Node's pool starts at any offset).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bodyEtag } from '../../api/middleware/http-cache.js'

describe('bodyEtag', () => {
  it('changes when any one byte changes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, delta) => {
          const i = at % bytes.length
          const changed = bytes.slice()
          changed[i] = (changed[i]! + delta) % 256
          expect(bodyEtag(changed)).not.toBe(bodyEtag(bytes))
        },
      ),
      { numRuns: 20_000 },
    )
    // Found by the property above in an earlier version: a flip of a word's top bit cancelled out in the final mix.
    expect(bodyEtag(new Uint8Array([0, 0, 0, 128]))).not.toBe(bodyEtag(new Uint8Array([0, 0, 0, 0])))
    expect(bodyEtag(new Uint8Array([0, 0, 0, 0, 128]))).not.toBe(bodyEtag(new Uint8Array([0, 0, 0, 0, 0])))
  })

  it('is the same for the same bytes at any offset in memory, and differs with the length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 7 }), (bytes, offset) => {
        const shifted = new Uint8Array(new ArrayBuffer(bytes.length + offset), offset, bytes.length)
        shifted.set(bytes)
        expect(bodyEtag(shifted)).toBe(bodyEtag(bytes))
        expect(bodyEtag(new Uint8Array([...bytes, 0]))).not.toBe(bodyEtag(bytes))
      }),
    )
    expect(bodyEtag(new Uint8Array())).toMatch(/^"[0-9a-f]{32}"$/)
  })
})
