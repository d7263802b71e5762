import { z } from 'zod'

/** RFC 9457 problem details, as api/lib/problem.ts writes them (extension members allowed). */
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    errors: z
      .array(z.strictObject({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per invalid parameter or body member' }),
  })
  .meta({ id: 'Problem', description: 'application/problem+json (RFC 9457)' })
