import { z } from 'zod'
import { CATEGORY_CODES } from '../domain/categories.js'

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${what} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${what} must be ≥ ${min}`).max(max, `${what} must be ≤ ${max}`))

export const OGC_ITEMS_PARAMS = ['bbox', 'limit', 'offset', 'category', 'f'] as const

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * `minLng,minLat,maxLng,maxLat` (or six numbers with heights, which are ignored). Any decimal notation: GIS
 * clients send doubles at full precision (`29.899999999999999`) or in exponent form.
 */
const OgcBbox = z
  .string()
  .max(300)
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim())
    if ((parts.length !== 4 && parts.length !== 6) || !parts.every((p) => NUMBER.test(p))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be minLng,minLat,maxLng,maxLat' })
      return z.NEVER
    }
    const n = parts.map(Number)
    return (n.length === 6 ? [n[0], n[1], n[3], n[4]] : n) as [number, number, number, number]
  })
  .refine(([a, b, c, d]) => a >= -180 && c <= 180 && b >= -90 && d <= 90, 'bbox is outside -180,-90,180,90')
  .refine(([a, b, c, d]) => a <= c && b <= d, 'bbox is inverted: min must not exceed max')

/** OGC API – Features items query: bbox (CRS84 lng/lat), paging by offset, and the category property filter. */
export const OgcItemsQuery = z.strictObject({
  bbox: OgcBbox.optional().meta({ description: 'minLng,minLat,maxLng,maxLat (CRS84)' }),
  limit: wholeNumber(1, 1000, 'limit').default(10).meta({ description: 'Features per page, 1–1000 (default 10)' }),
  offset: wholeNumber(0, 10_000_000, 'offset').default(0).meta({ description: 'Features to skip (follow the next link)' }),
  category: z
    .string()
    .max(200)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(
          z.enum(CATEGORY_CODES, { error: (i) => `unknown category '${String(i.input)}'; known: ${CATEGORY_CODES.join(', ')}` }),
        )
        .min(1),
    )
    .optional()
    .meta({ description: 'Property filter: one or more category codes, comma-separated' }),
  f: z.enum(['json', 'geojson']).optional().meta({ description: 'Format; only GeoJSON is offered' }),
})
export type OgcItemsQuery = z.output<typeof OgcItemsQuery>

const Link = z
  .strictObject({ href: z.string(), rel: z.string(), type: z.string().optional(), title: z.string().optional() })
  .meta({ id: 'OgcLink' })
const Links = z.array(Link)

export const OgcLanding = z
  .strictObject({ title: z.string(), description: z.string(), links: Links })
  .meta({ id: 'OgcLandingPage' })
export const OgcConformance = z.strictObject({ conformsTo: z.array(z.string()) }).meta({ id: 'OgcConformance' })

export const OgcCollection = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    itemType: z.literal('feature'),
    crs: z.array(z.string()),
    extent: z.strictObject({
      spatial: z.strictObject({ bbox: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])), crs: z.string() }),
    }),
    links: Links,
  })
  .meta({ id: 'OgcCollection' })

export const OgcCollections = z.strictObject({ links: Links, collections: z.array(OgcCollection) }).meta({ id: 'OgcCollections' })

export const OgcFeatureProperties = z.strictObject({
  external_id: z.string().nullable(),
  category: z.string(),
  name_zh: z.string(),
  name_en: z.string().nullable(),
  address_zh: z.string().nullable(),
  address_en: z.string().nullable(),
  area_code: z.string().nullable(),
  phone: z.string().nullable(),
  amenities: z.string().meta({ description: 'Amenity codes separated by ;' }),
  opening_hours: z.string().nullable().meta({ description: 'e.g. Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off (or JSON)' }),
  staffed_hours: z.string().nullable().meta({ description: 'When someone is on duty, in the same form' }),
  access_method: z.enum(['walk_in', 'ask_staff', 'scan_code', 'key_from_counter']).nullable(),
  access_note_zh: z.string().nullable(),
  access_note_en: z.string().nullable(),
  amenities_out_of_order: z.string().meta({ description: 'Amenity codes out of order today, separated by ;' }),
  amenity_status: z.string().nullable().meta({ description: 'Their status as JSON (until, reasons)' }),
  status: z.string(),
})

export const OgcFeature = z
  .strictObject({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: z.strictObject({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    properties: OgcFeatureProperties,
    links: Links.optional(),
  })
  .meta({ id: 'OgcFeature' })

export const OgcFeatureCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    features: z.array(OgcFeature),
    numberMatched: z.number().int().min(0),
    numberReturned: z.number().int().min(0),
    timeStamp: z.string(),
    links: Links,
  })
  .meta({ id: 'OgcFeatureCollection' })
