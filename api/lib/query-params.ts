import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError, fieldErrors } from './problem.js'

/**
 * Parses the query string with a zod schema. A parameter given twice is an error rather than a silent pick
 * of one value, and so is an unknown parameter (it is usually a typo, e.g. `lon` for `lng`).
 */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S, known: readonly string[]): z.output<S> {
  const all = c.req.queries()
  const errors = []
  const single: Record<string, string> = {}
  for (const [name, values] of Object.entries(all)) {
    if (!known.includes(name)) errors.push({ field: name, message: `unknown parameter; expected one of ${known.join(', ')}` })
    else if (values.length > 1) errors.push({ field: name, message: 'given more than once' })
    else single[name] = values[0] ?? ''
  }
  if (errors.length) throw new ApiError(400, `Invalid query: ${errors.map((e) => e.field).join(', ')}`, { errors })
  const parsed = schema.safeParse(single)
  if (!parsed.success) {
    // Name the parameter itself (`bbox`, not `bbox.2`): that is what the caller wrote.
    const errors = fieldErrors(parsed.error).map((e) => ({ ...e, field: e.field.split('.')[0]! }))
    throw new ApiError(400, `Invalid query: ${[...new Set(errors.map((e) => e.field))].join(', ')}`, { errors })
  }
  return parsed.data
}
