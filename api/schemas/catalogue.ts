import { z } from 'zod'
import { AmenityCode, CategoryCode } from './place-record.js'

/** Responses of the vocabulary routes: codes, labels and how many public places use each. */
const count = z.number().int().min(0).meta({ description: 'Public places with this value' })

export const CategoryList = z
  .strictObject({
    categories: z.array(z.strictObject({ code: CategoryCode, label_zh: z.string(), label_en: z.string(), count })),
  })
  .meta({ id: 'CategoryList' })

export const AmenityList = z
  .strictObject({ amenities: z.array(z.strictObject({ code: AmenityCode, label_zh: z.string(), label_en: z.string(), count })) })
  .meta({ id: 'AmenityList' })

export const AreaList = z
  .strictObject({ areas: z.array(z.strictObject({ code: z.string(), name_zh: z.string(), name_en: z.string() })) })
  .meta({ id: 'AreaList' })

export const Health = z.strictObject({ status: z.literal('ok'), version: z.string() }).meta({ id: 'Health' })
