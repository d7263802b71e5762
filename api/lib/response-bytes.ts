import type { Context } from 'hono'

/**
 * The bytes of the answers built from bytes in memory, kept beside their Response: the cache and compression
 * layers read them from here instead of reading the body back through a stream (which, on Node, first turns
 * @hono/node-server's lightweight Response into a full one: a measurable share of each search's CPU time).
 */
const bodies = new WeakMap<Response, Uint8Array<ArrayBuffer>>()
const encoder = new TextEncoder()

/** A Response over `body`, whose bytes the later layers can read without a stream. */
export function bytesResponse(body: Uint8Array<ArrayBuffer>, init: ResponseInit): Response {
  const response = new Response(body, init)
  bodies.set(response, body)
  return response
}

/** The bytes kept beside this Response, if it was built from bytes here. */
export const keptBytes = (response: Response): Uint8Array<ArrayBuffer> | undefined => bodies.get(response)

/** The body's bytes: the kept ones, else read (which uses the body up, as any read does). */
export async function responseBytes(response: Response): Promise<Uint8Array<ArrayBuffer>> {
  return bodies.get(response) ?? new Uint8Array(await response.arrayBuffer())
}

/** `c.json`, serialised once to bytes the later layers reuse (for the answers sent most often). */
export function jsonBytes(c: Context, value: unknown, status: 200 | 201 = 200): Response {
  const body = encoder.encode(JSON.stringify(value))
  c.header('Content-Type', 'application/json')
  const response = c.body(body, status)
  bodies.set(response, body)
  return response
}
