import { z } from 'zod'
import { isValidDate } from '../domain/local-time.js'

const Year = z
  .string()
  .regex(/^\d{4}$/, 'year must be four digits')
  .transform(Number)
  .pipe(z.number().min(2000).max(2100))

export const HolidayYearQuery = z.strictObject({ year: Year.meta({ description: 'e.g. 2026' }) })
export const HOLIDAY_YEAR_PARAMS = ['year'] as const
export const HolidayYearParam = z.object({ year: Year })

export const CalendarDaySchema = z
  .strictObject({
    date: z.string().refine(isValidDate, 'date must be a real YYYY-MM-DD date'),
    kind: z.enum(['holiday', 'makeup_workday']),
    name_zh: z.string().trim().min(1).max(50),
    name_en: z.string().trim().min(1).max(80),
  })
  .meta({ description: 'A public holiday (放假) or a make-up workday (调休上班)' })

/** A whole year, as an administrator replaces it. */
export const CalendarYearBody = z.strictObject({ days: z.array(CalendarDaySchema).max(366) })

export const CalendarYear = z
  .strictObject({
    year: z.number().int(),
    days: z.array(CalendarDaySchema.extend({ source: z.string().optional() })),
    history: z
      .array(z.strictObject({ id: z.string(), username: z.string(), at: z.string(), before: z.number(), after: z.number() }))
      .optional()
      .meta({ description: 'Changes to this year (administrators only): days before and after' }),
  })
  .meta({ id: 'CalendarYear' })

export const CalendarYears = z
  .strictObject({
    years: z.array(z.strictObject({ year: z.number().int(), holidays: z.number().int(), makeup_workdays: z.number().int() })),
  })
  .meta({ id: 'CalendarYears' })

export const HolidayImportQuery = z.strictObject({
  dry_run: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  format: z.enum(['csv', 'json']).optional().meta({ description: 'Default: from Content-Type' }),
})
export const HOLIDAY_IMPORT_PARAMS = ['dry_run', 'format'] as const

export const HolidayImportReport = z
  .strictObject({
    dry_run: z.boolean(),
    years: z.array(z.strictObject({ year: z.number().int(), holidays: z.number().int(), makeup_workdays: z.number().int() })),
    changed: z.array(z.number().int()).meta({ description: 'Years written (a dry run: none)' }),
  })
  .meta({ id: 'HolidayImportReport' })
