import { z } from 'zod'
import { AmenityCode, CategoryCode, PlaceStatus } from './place-record.js'
import { REPORT_KINDS } from './reports.js'

/** What the staff API answers (the OpenAPI source; tests check responses against these). */
const instant = z.string().meta({ format: 'date-time' })

export const StaffAccountSchema = z
  .strictObject({
    id: z.string(),
    username: z.string(),
    role: z.enum(['admin', 'editor']),
    organisations: z.array(z.string()),
    disabled_at: z.union([z.date(), instant]).nullable(),
    created_at: z.union([z.date(), instant]),
  })
  .meta({ id: 'StaffAccount' })

export const SessionState = z
  .strictObject({ account: StaffAccountSchema.nullable(), expires_at: instant.optional() })
  .meta({ id: 'SessionState' })
export const AccountList = z.strictObject({ accounts: z.array(StaffAccountSchema) })
export const AccountResult = z.strictObject({ account: StaffAccountSchema })
export const OrganisationList = z.strictObject({
  organisations: z.array(z.strictObject({ id: z.string(), name_zh: z.string(), name_en: z.string().nullable() })),
})

export const StaffPlaceList = z.strictObject({
  stale_after_days: z.number().int(),
  places: z.array(
    z.strictObject({
      id: z.string(),
      category: CategoryCode,
      name_zh: z.string(),
      name_en: z.string().nullable(),
      organisation_id: z.string().nullable(),
      status: PlaceStatus,
      version: z.number().int(),
      last_verified_at: instant.nullable(),
      deleted_at: instant.nullable(),
      lng: z.number(),
      lat: z.number(),
      open_reports: z.number().int(),
      stale: z.boolean().meta({ description: 'not verified within stale_after_days' }),
    }),
  ),
})

export const PlaceHistory = z
  .strictObject({
    place_id: z.string(),
    entries: z.array(
      z.strictObject({
        id: z.string(),
        at: instant,
        username: z.string(),
        action: z.enum(['create', 'update', 'move', 'verify', 'delete', 'restore', 'import', 'report_decide']),
        version: z.number().int().nullable().meta({ description: 'The version the change produced; null for a report decision' }),
        changes: z.record(z.string(), z.strictObject({ before: z.unknown(), after: z.unknown() })),
      }),
    ),
  })
  .meta({ id: 'PlaceHistory', description: 'Audit entries, newest first' })

export const ReportCreated = z.strictObject({ id: z.string(), status: z.literal('open') })
export const ReportDecided = z.strictObject({ id: z.string(), status: z.enum(['resolved', 'dismissed']) })

export const ReportList = z
  .strictObject({
    reports: z.array(
      z.strictObject({
        id: z.string(),
        place_id: z.string(),
        place_name_zh: z.string(),
        place_name_en: z.string().nullable(),
        organisation_id: z.string().nullable(),
        kind: z.enum(REPORT_KINDS),
        amenity: AmenityCode.nullable(),
        message: z.string().meta({ description: 'as the reporter wrote it: render as text, never as HTML' }),
        status: z.enum(['open', 'resolved', 'dismissed']),
        created_at: instant,
        handled_at: instant.nullable(),
        handled_by: z.string().nullable(),
        handling_note: z.string().nullable(),
      }),
    ),
    flagged_places: z
      .array(
        z.strictObject({
          place_id: z.string(),
          place_name_zh: z.string(),
          place_name_en: z.string().nullable(),
          organisation_id: z.string().nullable(),
          open: z.number().int(),
          closed: z.number().int(),
          amenity_broken: z.number().int(),
          last_at: instant,
          likely_closed: z.boolean(),
          flag: z.enum(['conflicting', 'closed', 'amenity_broken']),
        }),
      )
      .meta({
        description:
          'Places with public "closed" or "amenity broken" confirmations in the last 24 h since their last verification; ' +
          'conflicting = "open" ones too. Verifying the place clears the flag.',
      }),
  })
  .meta({ id: 'ReportList' })
