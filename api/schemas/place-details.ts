import { z } from 'zod'
import type { CategoryCode } from '../domain/categories.js'

/** Category-specific details, one schema per category. */
const CaringStationDetails = z.strictObject({
  host_kind: z.enum(['mobile', 'telecom', 'shop', 'community', 'sanitation', 'bank', 'other']).optional(),
  capacity: z.number().int().min(1).max(500).optional(),
})

const ClinicDetails = z.strictObject({
  clinic_type: z.enum(['community_health_centre', 'occupational_health', 'hospital', 'other']),
  services: z
    .array(
      z.enum([
        'general_practice',
        'vaccination',
        'chronic_disease',
        'family_doctor',
        'occupational_health_exam',
        'rehabilitation',
        'tcm',
      ]),
    )
    .max(20)
    .default([]),
  occupational_health: z
    .strictObject({
      exam_types: z.array(z.enum(['pre_employment', 'periodic', 'exit', 'emergency'])).max(4),
      hazards: z.array(z.enum(['dust', 'noise', 'chemical', 'radiation', 'high_temperature', 'biological'])).max(6),
      appointment_required: z.boolean(),
    })
    .optional(),
})

const TalentApartmentDetails = z.strictObject({
  units: z.number().int().min(1).max(100_000).optional(),
  rent_from_cny: z.number().min(0).max(100_000).optional(),
  eligibility_zh: z.string().max(1000).optional(),
  eligibility_en: z.string().max(1000).optional(),
  application_contact: z.string().max(100).optional(),
})

const TrainingBaseDetails = z.strictObject({
  programmes: z
    .array(z.strictObject({ name_zh: z.string().min(1).max(100), name_en: z.string().max(100).optional() }))
    .max(50)
    .default([]),
  certifications: z.array(z.string().min(1).max(200)).max(20).default([]),
})

export const PLACE_DETAILS = {
  caring_station: CaringStationDetails,
  clinic: ClinicDetails,
  talent_apartment: TalentApartmentDetails,
  training_base: TrainingBaseDetails,
} satisfies Record<CategoryCode, z.ZodType>
