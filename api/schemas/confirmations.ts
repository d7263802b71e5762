import { z } from 'zod'
import { CONFIRMATION_KINDS } from '../domain/confirmations.js'
import { ConfirmationSummary } from './place-feature.js'
import { AmenityCode } from './place-record.js'

/** One tap from the public: open now, closed now, or one amenity not working. Nothing else is accepted. */
export const NewConfirmationBody = z
  .strictObject({
    kind: z.enum(CONFIRMATION_KINDS),
    /** Required for amenity_broken, refused otherwise. */
    amenity: AmenityCode.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'amenity_broken' && !body.amenity)
      ctx.addIssue({ code: 'custom', path: ['amenity'], message: 'say which amenity is not working' })
    if (body.kind !== 'amenity_broken' && body.amenity)
      ctx.addIssue({ code: 'custom', path: ['amenity'], message: 'only for kind amenity_broken' })
  })
  .meta({ id: 'NewConfirmation' })

export const ConfirmationCreated = z
  .strictObject({
    id: z.string(),
    confirmations: ConfirmationSummary.nullable(),
    likely_closed: z.boolean(),
    open_now: z.boolean().nullable(),
  })
  .meta({ id: 'ConfirmationCreated', description: 'The place as the public now sees it' })

export const ConfirmationTimeline = z
  .strictObject({
    place_id: z.string(),
    last_verified_at: z.string().nullable(),
    likely_closed: z.boolean(),
    entries: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum(CONFIRMATION_KINDS),
        amenity: AmenityCode.nullable(),
        created_at: z.string(),
        weight: z.number().min(0).max(1).meta({ description: 'Its weight now (0 once 24 h old or answered by a verification)' }),
      }),
    ),
  })
  .meta({ id: 'ConfirmationTimeline', description: 'Every confirmation of the place, newest first (at most 500)' })
