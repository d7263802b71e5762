import { z } from 'zod'
import { isValidDate } from '../domain/local-time.js'
import { DAY_KEYS, hhmmToMinutes } from '../domain/opening-hours.js'

const OPENS = /^([01]\d|2[0-3]):[0-5]\d$/
const CLOSES = /^([0-3]\d|4[0-7]):[0-5]\d$|^48:00$/

export const Interval = z
  .tuple([
    z.string().regex(OPENS, 'opening time must be HH:MM, 00:00–23:59'),
    z.string().regex(CLOSES, 'closing time must be HH:MM, up to 48:00 (past 24:00 = after midnight)'),
  ])
  .refine(([opens, closes]) => hhmmToMinutes(closes) > hhmmToMinutes(opens), {
    message: 'closes before it opens: write a span past midnight as e.g. ["22:00","26:00"]',
  })
  .meta({ description: '[opens, closes] local time; closes past 24:00 runs into the next day', example: ['08:00', '20:00'] })

const Intervals = z.array(Interval).max(6)

export const DatedException = z.strictObject({
  date: z.string().refine(isValidDate, 'date must be a real YYYY-MM-DD date'),
  intervals: Intervals.meta({ description: 'empty = closed all day' }),
  note_zh: z.string().max(100).optional(),
  note_en: z.string().max(100).optional(),
})

export const OpeningHoursSchema = z
  .strictObject({
    weekly: z.strictObject(
      Object.fromEntries(DAY_KEYS.map((d) => [d, Intervals.optional()])) as Record<
        (typeof DAY_KEYS)[number],
        z.ZodOptional<typeof Intervals>
      >,
    ),
    exceptions: z.array(DatedException).max(400).optional(),
    holidays: z
      .union([z.enum(['as_usual', 'closed']), Intervals])
      .optional()
      .meta({
        description:
          'On a public holiday: as_usual (default: the weekly pattern), closed, or these intervals. When not as_usual, ' +
          "a make-up workday (调休) opens with Monday's hours. Dated exceptions win over both.",
      }),
  })
  .superRefine((hours, ctx) => {
    const seen = new Set<string>()
    hours.exceptions?.forEach((e, i) => {
      if (seen.has(e.date))
        ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'date'], message: `${e.date} is listed twice` })
      seen.add(e.date)
    })
  })
  .meta({ id: 'OpeningHours', description: 'Weekly pattern (Asia/Shanghai local time) and dated exceptions' })
