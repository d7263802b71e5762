import { z } from 'zod'
import { CATEGORY_CODES } from '../domain/categories.js'
import { CRS_NAMES } from '../import/coordinates.js'
import { TEXT_ENCODINGS } from '../import/text-encodings.js'
import { IMPORT_CODES } from '../import/messages.js'

const flag = (description: string) =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description })

export const IMPORT_QUERY_PARAMS = ['format', 'crs', 'category', 'organisation', 'dry_run', 'skip_invalid'] as const

/** POST /api/v1/import: the file is the body; how to read it is in the query. */
export const ImportQuery = z.strictObject({
  format: z.enum(['csv', 'geojson']).default('csv').meta({ description: 'How to read the body' }),
  crs: z
    .enum(CRS_NAMES)
    .default('wgs84')
    .meta({ description: 'Coordinates as written: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu)' }),
  category: z.enum(CATEGORY_CODES).optional().meta({ description: 'Category of rows without one' }),
  organisation: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Organisation (id or name) of rows that name none; a row’s own column wins' }),
  dry_run: flag('true: validate and count what would change, write nothing (the preview)'),
  skip_invalid: flag('true: write the valid rows and reject only the bad ones'),
})

const Params = z.record(z.string(), z.union([z.string(), z.number()]))
const RowError = z.strictObject({
  line: z.number().int(),
  field: z.string(),
  code: z.enum(IMPORT_CODES),
  params: Params,
  reason: z.string().meta({ description: 'The English text of code + params' }),
})
const Notice = z.strictObject({ code: z.enum(IMPORT_CODES), params: Params, message: z.string() })

export const ImportReportSchema = z
  .strictObject({
    rows: z.number().int().min(0),
    accepted: z.number().int().min(0),
    rejected: z
      .array(RowError)
      .meta({ description: 'Every problem: CSV line (header = 1) or GeoJSON feature number, field, reason' }),
    warnings: z.array(Notice),
    fileError: z.string().nullable(),
    fileProblem: Notice.nullable().meta({ description: 'Why nothing was read (code + params); null when the file was read' }),
    encoding: z.enum(TEXT_ENCODINGS).nullable().meta({ description: 'How the bytes were decoded' }),
    organisation: z.string().nullable(),
    written: z.boolean(),
    dryRun: z.boolean(),
    inserted: z.number().int().min(0),
    updated: z.number().int().min(0),
    unchanged: z.number().int().min(0),
  })
  .meta({ id: 'ImportReport' })
