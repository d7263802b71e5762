import { z } from 'zod'
import { isValidDate } from '../domain/local-time.js'
import { AmenityCode } from './place-record.js'

export const REPORT_KINDS = ['closed', 'amenity_broken', 'wrong_location', 'wrong_hours', 'other'] as const

/** Control characters (except newline and tab) have no place in a message and can hide text. */
const plainText = (max: number) =>
  z
    .string()
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .transform((s) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim())
    .pipe(z.string().max(max, `at most ${max} characters`))

export const NewReportBody = z
  .strictObject({
    kind: z.enum(REPORT_KINDS),
    /** Which amenity is not working; required for `amenity_broken`, refused otherwise. */
    amenity: AmenityCode.optional(),
    message: plainText(500).default(''),
  })
  .superRefine((report, ctx) => {
    if (report.kind === 'amenity_broken' && !report.amenity)
      ctx.addIssue({ code: 'custom', path: ['amenity'], message: 'say which amenity is not working' })
    if (report.kind !== 'amenity_broken' && report.amenity)
      ctx.addIssue({ code: 'custom', path: ['amenity'], message: 'only for kind amenity_broken' })
    if (report.kind === 'other' && !report.message)
      ctx.addIssue({ code: 'custom', path: ['message'], message: 'describe the problem' })
  })

export const ReportDecisionBody = z
  .strictObject({
    status: z.enum(['resolved', 'dismissed']),
    note: plainText(500).default(''),
    /** Resolving an amenity_broken report as true: mark that amenity out of order (through `until`, inclusive). */
    out_of_order: z
      .strictObject({
        until: z.string().refine(isValidDate, 'until must be a real YYYY-MM-DD date').optional(),
        reason_zh: plainText(200).optional(),
        reason_en: plainText(200).optional(),
      })
      .optional(),
  })
  .refine((d) => !d.out_of_order || d.status === 'resolved', { path: ['out_of_order'], message: 'only when resolving' })

export const ReportListQuery = z.object({
  status: z.enum(['open', 'resolved', 'dismissed', 'all']).default('open'),
  place: z.string().max(64).optional(),
})
export const REPORT_LIST_PARAMS = ['status', 'place'] as const
