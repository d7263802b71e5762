import { z } from 'zod'
import { AccessSchema, AmenityStatusSchema } from './live-truth.js'
import { Interval, OpeningHoursSchema } from './opening-hours.js'
import { AmenityCode, CategoryCode, PlaceStatus } from './place-record.js'

/** What the API answers for places (the OpenAPI source and the check that responses keep to it). */
const isoInstant = z.string().meta({ format: 'date-time', description: 'ISO 8601 instant' })
const nullableText = z.string().nullable()

export const PointGeometry = z
  .strictObject({ type: z.literal('Point'), coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]) })
  .meta({ id: 'PointGeometry', description: 'WGS-84 [lng, lat], six decimals' })

export const AreaRef = z
  .strictObject({ code: z.string(), name_zh: nullableText, name_en: nullableText })
  .meta({ id: 'AreaRef', description: 'The subdistrict or town (街道/镇) the place belongs to' })

const KindSummary = z.strictObject({
  count: z.number().int().min(0),
  last_at: isoInstant.nullable().meta({ description: 'The newest of them' }),
})

export const ConfirmationSummary = z
  .strictObject({
    open: KindSummary,
    closed: KindSummary,
    amenity_broken: z.array(z.strictObject({ amenity: AmenityCode, count: z.number().int().min(1), last_at: isoInstant })),
  })
  .meta({
    id: 'ConfirmationSummary',
    description:
      'Public one-tap confirmations of the last 24 hours made after the last staff verification; null when there are none',
  })

export const PlaceSummaryProperties = z.strictObject({
  category: CategoryCode,
  name_zh: z.string(),
  name_en: nullableText,
  address_zh: nullableText,
  address_en: nullableText,
  area: AreaRef.nullable(),
  phone: nullableText,
  amenities: z.array(AmenityCode),
  amenity_status: AmenityStatusSchema.meta({
    description: 'Amenities out of order at the instant (an entry lapses after its until-date); an amenity filter skips them',
  }),
  status: PlaceStatus,
  status_reason: nullableText,
  status_until: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
  open_now: z.boolean().nullable().meta({ description: 'null when the opening hours are unknown' }),
  closes_at: z.string().nullable().meta({ description: 'ISO, +08:00; when open now' }),
  opens_at: z.string().nullable().meta({ description: 'ISO, +08:00; when closed now' }),
  likely_closed: z.boolean().meta({
    description:
      'Recent public "closed" confirmations outweigh "open" ones (weights halve every 30 min): open_now is then false ' +
      'until staff verify the place or newer confirmations outweigh them',
  }),
  staffing_now: z
    .enum(['staffed', 'self_service'])
    .nullable()
    .meta({ description: 'When open now: someone on duty (staffed_hours) or self-service; null when closed or not said' }),
  access: AccessSchema.nullable(),
  confirmations: ConfirmationSummary.nullable(),
  last_verified_at: isoInstant.nullable(),
  distance_m: z.number().int().min(0).optional().meta({ description: 'Metres from lat/lng, when given' }),
})

export const PlaceSummaryFeature = z
  .strictObject({ type: z.literal('Feature'), id: z.string(), geometry: PointGeometry, properties: PlaceSummaryProperties })
  .meta({ id: 'PlaceSummaryFeature' })

export const PlaceCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    features: z.array(PlaceSummaryFeature),
    numberReturned: z.number().int().min(0),
    next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'PlaceCollection' })

export const PlaceDetailFeature = z
  .strictObject({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: PointGeometry,
    properties: PlaceSummaryProperties.extend({
      description_zh: nullableText,
      description_en: nullableText,
      opening_hours: OpeningHoursSchema.nullable(),
      staffed_hours: OpeningHoursSchema.nullable().meta({ description: 'When someone is on duty; null = not said' }),
      week: z
        .array(
          z.strictObject({
            date: z.string(),
            intervals: z.array(Interval),
            staffed: z.array(Interval).nullable(),
            reason: z.enum(['exception', 'holiday', 'makeup_workday']).nullable(),
            holiday: z
              .strictObject({ kind: z.enum(['holiday', 'makeup_workday']), name_zh: z.string(), name_en: z.string() })
              .nullable(),
          }),
        )
        .nullable()
        .meta({ description: 'Today and the next six days as they will be (dated exceptions, public holidays, 调休)' }),
      organisation: z.strictObject({ id: z.string(), name_zh: nullableText, name_en: nullableText }).nullable(),
      details: z.record(z.string(), z.unknown()).meta({ description: 'Category-specific details' }),
      source: z.string(),
      version: z.number().int().min(1),
      created_at: isoInstant,
      updated_at: isoInstant,
    }),
  })
  .meta({ id: 'PlaceDetailFeature' })
