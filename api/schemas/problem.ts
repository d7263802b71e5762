import { z } from 'zod'
import { PlaceDetailFeature } from './place-feature.js'

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

/** Answer of a 429 that says when to try again (also in the Retry-After header). */
export const RateLimitedProblem = ProblemSchema.extend({
  retry_after: z.number().int().min(0).optional().meta({ description: 'Seconds to wait' }),
}).meta({ id: 'RateLimitedProblem' })

/** One field of an edit that someone else changed too: the value the editor started from, theirs now, and mine. */
export const FieldConflictSchema = z.strictObject({
  field: z.string(),
  base: z.unknown(),
  base_known: z.boolean().meta({ description: 'false when the audit trail cannot say what the value was (base is then null)' }),
  current: z.unknown(),
  yours: z.unknown(),
})

/** 412: the place changed since the ETag sent; the current version comes back to merge against. */
export const StaleProblem = ProblemSchema.extend({
  conflicts: z
    .array(FieldConflictSchema)
    .optional()
    .meta({ description: 'Absent when the whole place was changed (delete, restore)' }),
  current_version: z.number().int().nullable(),
  current: PlaceDetailFeature.nullable(),
}).meta({ id: 'StaleProblem' })
