/**
 * The Node server's compression (api/server/compress-answer.ts), answer by answer: what is gzipped, what is left
 * alone, and that the bytes a client un-gzips are the bytes the app wrote, whether the app kept them beside the
 * Response or they had to be read back, and for streamed answers too.
 */
// As in the Node server: @hono/node-server's lightweight Response is the global one.
import '@hono/node-server'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { bytesResponse } from '../../api/lib/response-bytes.js'
import { compressAnswer } from '../../api/server/compress-answer.js'

const big = JSON.stringify({ features: Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, name_zh: '爱心驿站' })) })
const get = (encoding?: string, method = 'GET') =>
  new Request('http://localhost/api/v1/places', { method, headers: encoding ? { 'Accept-Encoding': encoding } : {} })
const json = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { headers: { 'Content-Type': 'application/json', ETag: '"abc"', ...headers } })

async function unzipped(res: Response) {
  return gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')
}

describe('compressAnswer', () => {
  it('gzips JSON over 1 KB for a client that accepts gzip, from kept bytes or read back', async () => {
    for (const res of [
      json(big),
      bytesResponse(new TextEncoder().encode(big), { headers: { 'Content-Type': 'application/json', ETag: '"abc"' } }),
    ]) {
      const out = await compressAnswer(get('gzip, deflate, br'), res)
      expect(out.headers.get('Content-Encoding')).toBe('gzip')
      expect(out.headers.get('ETag')).toBe('W/"abc"')
      expect(out.headers.get('Vary')).toBe('Accept-Encoding')
      expect(out.headers.get('Content-Length')).toBeNull()
      expect(await unzipped(out)).toBe(big)
    }
  })

  it('leaves small JSON, refusing clients, HEAD, 304 and no-transform as they are', async () => {
    const small = await compressAnswer(get('gzip'), json('{"a":1}', { Vary: 'Cookie' }))
    expect(small.headers.get('Content-Encoding')).toBeNull()
    expect(small.headers.get('Vary')).toBe('Cookie, Accept-Encoding')
    expect(await small.text()).toBe('{"a":1}')

    for (const encoding of [undefined, 'identity', 'gzip;q=0']) {
      const out = await compressAnswer(get(encoding), json(big))
      expect(out.headers.get('Content-Encoding')).toBeNull()
      expect(out.headers.get('ETag')).toBe('"abc"')
      expect(out.headers.get('Vary')).toBe('Accept-Encoding')
      expect(await out.text()).toBe(big)
    }
    const head = json(big)
    expect(await compressAnswer(get('gzip', 'HEAD'), head)).toBe(head)
    const notModified = new Response(null, { status: 304, headers: { ETag: '"abc"' } })
    expect(await compressAnswer(get('gzip'), notModified)).toBe(notModified)
    const keep = json(big, { 'Cache-Control': 'public, no-transform' })
    expect((await compressAnswer(get('gzip'), keep)).headers.get('Content-Encoding')).toBeNull()
    const png = new Response(new Uint8Array(4096), { headers: { 'Content-Type': 'image/png' } })
    expect(await compressAnswer(get('gzip'), png)).toBe(png)
  })

  it('gzips a streamed CSV export as it streams', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `p${i},驿站${i}\n`)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const row of rows) controller.enqueue(new TextEncoder().encode(row))
        controller.close()
      },
    })
    const out = await compressAnswer(
      get('gzip'),
      new Response(stream, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } }),
    )
    expect(out.headers.get('Content-Encoding')).toBe('gzip')
    expect(await unzipped(out)).toBe(rows.join(''))
  })
})
