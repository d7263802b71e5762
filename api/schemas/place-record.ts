import { z } from 'zod'
import { AMENITY_CODES } from '../domain/amenities.js'
import { CATEGORY_CODES } from '../domain/categories.js'
import { isValidDate } from '../domain/local-time.js'
import { AccessSchema, AmenityStatusSchema } from './live-truth.js'
import { OpeningHoursSchema } from './opening-hours.js'
import { PLACE_DETAILS } from './place-details.js'

export const PlaceId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'id: lower-case letters, digits, - and _')
export const Longitude = z.number().min(-180).max(180)
export const Latitude = z.number().min(-90).max(90)
export const AmenityCode = z.enum(AMENITY_CODES)
export const CategoryCode = z.enum(CATEGORY_CODES)
export const PlaceStatus = z.enum(['open', 'temporarily_closed', 'closed'])
const text = (max: number) => z.string().trim().max(max)

/** A whole place as the seed and import files write it (coordinates WGS-84, `[lng, lat]`). */
export const PlaceRecord = z
  .strictObject({
    id: PlaceId,
    external_id: text(100).min(1).optional(),
    category: CategoryCode,
    name_zh: text(200).min(1),
    name_en: text(200).optional(),
    address_zh: text(300).optional(),
    address_en: text(300).optional(),
    area_code: z.string().max(64).optional(),
    location: z.tuple([Longitude, Latitude]),
    phone: text(40)
      .regex(/^[0-9+\-() ]*$/, 'phone: digits, spaces, + - ( )')
      .optional(),
    organisation_id: z.string().max(64).optional(),
    description_zh: text(2000).optional(),
    description_en: text(2000).optional(),
    amenities: z.array(AmenityCode).max(AMENITY_CODES.length).default([]),
    opening_hours: OpeningHoursSchema.nullable().default(null),
    staffed_hours: OpeningHoursSchema.nullable().default(null),
    access: AccessSchema.nullable().default(null),
    amenity_status: AmenityStatusSchema.default({}),
    status: PlaceStatus.default('open'),
    status_reason: text(500).optional(),
    status_until: z.string().refine(isValidDate, 'status_until must be YYYY-MM-DD').optional(),
    details: z.record(z.string(), z.unknown()).default({}),
    source: text(300).min(1),
  })
  .transform((place, ctx) => {
    const details = PLACE_DETAILS[place.category].safeParse(place.details)
    if (!details.success) {
      for (const issue of details.error.issues) ctx.addIssue({ ...issue, path: ['details', ...issue.path] })
      return z.NEVER
    }
    for (const code of Object.keys(place.amenity_status))
      if (!place.amenities.some((a) => a === code))
        ctx.addIssue({ code: 'custom', path: ['amenity_status', code], message: `the place has no amenity '${code}'` })
    return { ...place, amenities: [...new Set(place.amenities)], details: details.data }
  })
export type PlaceRecord = z.output<typeof PlaceRecord>

export const SampleData = z.strictObject({
  notice: z.string(),
  areas: z.array(z.strictObject({ code: z.string(), name_zh: z.string(), name_en: z.string() })),
  organisations: z.array(z.strictObject({ id: z.string(), name_zh: z.string(), name_en: z.string().nullable() })),
  places: z.array(PlaceRecord),
})
export type SampleData = z.output<typeof SampleData>
