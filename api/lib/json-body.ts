import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError, fieldErrors } from './problem.js'

/**
 * Reads and validates a JSON body: malformed JSON → 400, a body that does not fit the schema → 422 with
 * one error per field. Never lets a bad body reach a query.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new ApiError(415, 'Send the body as application/json')
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    throw new ApiError(400, 'The body is not valid JSON')
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error)
    throw new ApiError(422, `Invalid body: ${[...new Set(errors.map((e) => e.field))].join(', ')}`, { errors })
  }
  return parsed.data
}
