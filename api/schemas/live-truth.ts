import { z } from 'zod'
import { AMENITY_CODES, type AmenityCode } from '../domain/amenities.js'
import { isValidDate } from '../domain/local-time.js'

/** Per-amenity status, staffed hours' companion (how to get in), as places carry and staff edit them. */
const note = z.string().trim().max(200)

export const AmenityOutageSchema = z
  .strictObject({
    status: z.literal('out_of_order'),
    until: z.string().refine(isValidDate, 'until must be a real YYYY-MM-DD date').optional(),
    reason_zh: note.optional(),
    reason_en: note.optional(),
  })
  .meta({ id: 'AmenityOutage', description: 'Out of order through `until` (inclusive); open-ended without it' })

export const AmenityStatusSchema = z
  .partialRecord(z.enum(AMENITY_CODES), AmenityOutageSchema)
  .meta({ id: 'AmenityStatus', description: 'Amenity code → its outage; an amenity not listed works' })
export type AmenityStatusInput = Partial<Record<AmenityCode, z.output<typeof AmenityOutageSchema>>>

export const ACCESS_METHODS = ['walk_in', 'ask_staff', 'scan_code', 'key_from_counter'] as const
export const AccessSchema = z
  .strictObject({ method: z.enum(ACCESS_METHODS), note_zh: note.optional(), note_en: note.optional() })
  .meta({ id: 'Access', description: 'How to get in: walk in, ask staff, scan a code at the door, or a key from the counter' })
