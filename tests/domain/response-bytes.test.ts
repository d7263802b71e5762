/**
 * Answers are serialised once to UTF-8 through a reused scratch space (api/lib/response-bytes.ts): the bytes must be
 * exactly the JSON's UTF-8 for any text (Chinese, emoji, lone surrogates replaced as TextEncoder does), at any size
 * (past the scratch space too), and an answer's bytes must stay its own when the next answer is encoded.
 */
import fc from 'fast-check'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { jsonBytes, keptBytes } from '../../api/lib/response-bytes.js'

const encoder = new TextEncoder()

describe('jsonBytes', () => {
  it('gives the UTF-8 of the JSON, and each answer keeps its own bytes', async () => {
    const values = new Map<string, unknown>()
    const app = new Hono().get('/:key', (c) => jsonBytes(c, values.get(c.req.param('key'))))
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 50 }),
        // Small, and around where the text outgrows the scratch space (16 K characters).
        fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 16_300, max: 16_400 })),
        async (text, odd, padding) => {
          const first = { name: text, odd, pad: '驿'.repeat(padding) }
          const second = { name: `${text}!`, list: ['爱心驿站', '🚻'] }
          values.set('a', first)
          values.set('b', second)
          const a = await app.request('/a')
          const b = await app.request('/b')
          const same = (bytes: Uint8Array | undefined, value: unknown) =>
            Buffer.from(bytes!).equals(encoder.encode(JSON.stringify(value)))
          expect(same(keptBytes(a), first)).toBe(true)
          expect(same(keptBytes(b), second)).toBe(true)
          expect(await a.text()).toBe(JSON.stringify(first))
        },
      ),
      { numRuns: 60 },
    )
  })
})
