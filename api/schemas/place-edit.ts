import { z } from 'zod'
import { AMENITY_CODES } from '../domain/amenities.js'
import { isValidDate } from '../domain/local-time.js'
import { AccessSchema, AmenityStatusSchema } from './live-truth.js'
import { OpeningHoursSchema } from './opening-hours.js'
import { AmenityCode, CategoryCode, Latitude, Longitude, PlaceId, PlaceStatus } from './place-record.js'

const text = (max: number) => z.string().trim().max(max)
const optionalText = (max: number) =>
  text(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
const Day = z.string().refine(isValidDate, 'must be a real YYYY-MM-DD date')
const Phone = text(40).regex(/^[0-9+\-() ]*$/, 'phone: digits, spaces, + - ( )')

/** What an editor may change on a place of his organisation. */
const EditorFields = {
  amenities: z.array(AmenityCode).max(AMENITY_CODES.length),
  opening_hours: OpeningHoursSchema.nullable(),
  /** When someone is on duty (e.g. open 24 h self-service, staffed 09:00–17:00). */
  staffed_hours: OpeningHoursSchema.nullable(),
  access: AccessSchema.nullable(),
  /** Replaces the whole map; every key must be one of the place's amenities. */
  amenity_status: AmenityStatusSchema,
  status: PlaceStatus,
  status_reason: optionalText(500),
  status_until: Day.nullable(),
  phone: Phone.transform((s) => (s === '' ? null : s)).nullable(),
  description_zh: optionalText(2000),
  description_en: optionalText(2000),
  /** Replaces the whole details object; checked against the place's category (PLACE_DETAILS). */
  details: z.record(z.string(), z.unknown()),
}

/** Only an administrator may rename, re-address, re-assign or move a place. */
const AdminFields = {
  name_zh: text(200).min(1),
  name_en: optionalText(200),
  address_zh: optionalText(300),
  address_en: optionalText(300),
  area_code: z.string().max(64).nullable(),
  organisation_id: z.string().max(64).nullable(),
  location: z.tuple([Longitude, Latitude]),
}
export const ADMIN_FIELDS = Object.keys(AdminFields) as (keyof typeof AdminFields)[]

/** An admin's "yes, really there": a created or moved place may then lie outside the service area. */
const Confirm = { confirm_outside_area: z.literal(true).optional() }

export const PlacePatch = z
  .strictObject({ ...EditorFields, ...AdminFields, ...Confirm })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
export type PlacePatch = z.output<typeof PlacePatch>

/** A new place (admin): position picked on the map, everything else as in a patch. */
export const NewPlaceBody = z.strictObject({
  ...z.object(EditorFields).partial().shape,
  ...z.object(AdminFields).partial().shape,
  id: PlaceId.optional(),
  category: CategoryCode,
  name_zh: AdminFields.name_zh,
  location: AdminFields.location,
  ...Confirm,
})
export type NewPlaceBody = z.output<typeof NewPlaceBody>
