import { z } from 'zod'
import { AMENITY_CODES } from '../domain/amenities.js'
import { CATEGORY_CODES } from '../domain/categories.js'

const DECIMAL = /^[+-]?\d{1,3}(\.\d{1,15})?$/
const decimalIn = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(DECIMAL, `${what} must be a decimal number`)
    .transform(Number)
    .pipe(z.number().min(min, `${what} must be ≥ ${min}`).max(max, `${what} must be ≤ ${max}`))

const commaList = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .max(400)
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
        .array(z.enum(values, { error: (i) => `unknown ${what} '${String(i.input)}'; known: ${values.join(', ')}` }))
        .min(1, `give at least one ${what}`),
    )

const integerIn = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${what} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${what} must be ≥ ${min}`).max(max, `${what} must be ≤ ${max}`))

export const Bbox = z
  .string()
  .max(200)
  .transform((s) => s.split(','))
  .pipe(
    z.tuple(
      [
        decimalIn(-180, 180, 'minLng'),
        decimalIn(-90, 90, 'minLat'),
        decimalIn(-180, 180, 'maxLng'),
        decimalIn(-90, 90, 'maxLat'),
      ],
      {
        error: 'bbox must be minLng,minLat,maxLng,maxLat',
      },
    ),
  )
  .refine(([minLng, minLat, maxLng, maxLat]) => minLng < maxLng && minLat < maxLat, 'bbox is inverted: min must be below max')

/**
 * Keyset cursor: the sort key (distance, id) of the last place served, or its id when not ordered by distance.
 * Places at exactly the same distance (two stations in one building) are served in id order.
 */
export const Cursor = z.union([
  z.strictObject({ d: z.number().min(0), id: z.string().max(64) }),
  z.strictObject({ id: z.string().max(64) }),
])
export type Cursor = z.output<typeof Cursor>

export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const CursorParam = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    try {
      const json: unknown = JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/')))
      const parsed = Cursor.safeParse(json)
      if (parsed.success) return parsed.data
    } catch {
      // fall through
    }
    ctx.addIssue({ code: 'custom', message: 'cursor is not one this API gave out' })
    return z.NEVER
  })

export const PLACES_QUERY_PARAMS = [
  'lat',
  'lng',
  'radius',
  'bbox',
  'category',
  'amenity',
  'open_now',
  'q',
  'limit',
  'cursor',
  'at',
] as const

export const PlacesQuery = z
  .strictObject({
    lat: decimalIn(-90, 90, 'lat').optional(),
    lng: decimalIn(-180, 180, 'lng').optional(),
    radius: integerIn(1, 50_000, 'radius (metres)').optional(),
    bbox: Bbox.optional(),
    category: commaList(CATEGORY_CODES, 'category').optional(),
    amenity: commaList(AMENITY_CODES, 'amenity').optional(),
    open_now: z
      .enum(['true', 'false'], { error: 'open_now must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
    q: z.string().trim().min(1, 'q must not be empty').max(100, 'q is longer than 100 characters').optional(),
    limit: integerIn(1, 200, 'limit').default(50),
    cursor: CursorParam.optional(),
    /** Evaluate open_now, the open_now filter and the open/close times at this instant (e.g. an arrival time). */
    at: z
      .string()
      .max(40)
      .pipe(z.iso.datetime({ offset: true, error: 'at must be an ISO 8601 instant, e.g. 2026-11-25T22:56:00+08:00' }))
      .transform((s) => new Date(s))
      .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100, 'at must be between 2000 and 2100')
      .optional(),
  })
  .superRefine((query, ctx) => {
    if ((query.lat === undefined) !== (query.lng === undefined))
      ctx.addIssue({ code: 'custom', path: [query.lat === undefined ? 'lat' : 'lng'], message: 'lat and lng go together' })
    if (query.radius !== undefined && query.lat === undefined)
      ctx.addIssue({ code: 'custom', path: ['radius'], message: 'radius needs lat and lng' })
    // Refinements run even when a field failed; then `cursor` is still the raw string.
    if (typeof query.cursor === 'object' && 'd' in query.cursor !== (query.lat !== undefined))
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'cursor belongs to a query with a different ordering' })
  })
export type PlacesQuery = z.output<typeof PlacesQuery>
