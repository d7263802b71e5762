/**
 * Compression for the Node server's answers, as one function over (request, response) so the API's paths need
 * no Hono stack of their own in front of the app (that outer stack cost about a sixth of the Node side's CPU
 * per search): the app's JSON in one synchronous zlib call (the body is in memory already, its bytes usually
 * kept beside the Response), anything else compressible (the web app's files, the streamed exports) through a
 * CompressionStream. As HTTP asks, `Vary: Accept-Encoding` on everything that could be compressed, and a strong
 * ETag turns weak once the bytes are re-encoded.
 */
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress'
import { gzipSync } from 'node:zlib'
import { bytesResponse, keptBytes, responseBytes } from '../lib/response-bytes.js'

/** The app's JSON answers: always a whole body in memory (what streams, the exports, is GeoJSON or CSV). */
const BUFFERED_JSON = /^application\/(problem\+)?json\b/
/** Below this a gzip header and dictionary cost more than they save; not worth the CPU either. */
const GZIP_THRESHOLD = 1024
/**
 * Level 2: a nearest-10 answer of 7.1 KB gzips to 1,088 bytes (1,070 at level 4, 1,029 at the default 6) in 23 µs
 * of CPU against 33 µs at level 4; a 43 KB answer in 43 µs against 113 µs, and no larger.
 */
export const GZIP_LEVEL = 2
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i
const VARIES_BY_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i
const WITHOUT_BODY = new Set([101, 204, 205, 206, 304])

export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return (coding === 'gzip' || coding === '*') && (!q || Number(q.slice(2)) > 0)
  })
}

/** The answer as it should go to this client: gzipped when it accepts gzip and the body is worth it. */
export async function compressAnswer(request: Request, res: Response): Promise<Response> {
  if (request.method === 'HEAD' || WITHOUT_BODY.has(res.status)) return res
  const headers = res.headers
  const type = headers.get('Content-Type') ?? ''
  const buffered = BUFFERED_JSON.test(type)
  if (!buffered && !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return res
  if (
    headers.has('Content-Encoding') ||
    headers.has('Transfer-Encoding') ||
    NO_TRANSFORM.test(headers.get('Cache-Control') ?? '')
  )
    return res
  const length = headers.get('Content-Length')
  if (length !== null && Number(length) < GZIP_THRESHOLD) return res
  const vary = headers.get('Vary')
  if (vary !== '*' && !VARIES_BY_ENCODING.test(vary ?? ''))
    headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
  if (!acceptsGzip(request.headers.get('Accept-Encoding'))) return res
  const { status } = res
  if (!buffered) {
    if (!res.body) return res
    const out = new Response(res.body.pipeThrough(new CompressionStream('gzip')), { status, headers })
    return encoded(out)
  }
  const kept = keptBytes(res)
  const body = kept ?? (await responseBytes(res))
  // Small: sent as it is (a body that had to be read back needs a new Response around its bytes).
  if (body.byteLength < GZIP_THRESHOLD) return kept ? res : bytesResponse(body, { status, headers })
  return encoded(new Response(gzipSync(body, { level: GZIP_LEVEL }), { status, headers }))
}

function encoded(res: Response): Response {
  res.headers.delete('Content-Length')
  res.headers.set('Content-Encoding', 'gzip')
  const etag = res.headers.get('ETag')
  if (etag && !etag.startsWith('W/')) res.headers.set('ETag', `W/${etag}`)
  return res
}
