import type { z } from 'zod'
import { parseAmenityList } from '../domain/amenity-aliases.js'
import { CATEGORIES } from '../domain/categories.js'
import type { OpeningHours } from '../domain/opening-hours.js'
import { OpeningHoursSchema } from '../schemas/opening-hours.js'
import { PlaceRecord } from '../schemas/place-record.js'
import type { Column, RawRow } from './columns.js'
import { toWgs84, withinBounds, type Bounds, type Crs } from './coordinates.js'
import { parseHoursText } from './hours-text.js'
import { importMessage, type ImportCode, type MessageParams } from './messages.js'
import { stableId } from './stable-id.js'
import { findUnsafeText } from '../lib/safe-text.js'

/** One problem with one row: where (line, field), what (code + params, for the staff view) and the English text. */
export interface RowError {
  line: number
  field: string
  code: ImportCode
  params: MessageParams
  reason: string
}

export interface RowContext {
  crs: Crs
  bounds: Bounds
  /** Category for rows without one (`--category`). */
  category?: string | undefined
  /** `source` for rows without one, e.g. `import:stations.csv`. */
  source: string
  /** Area and organisation codes by code and by Chinese/English name. */
  areas: Map<string, string>
  organisations: Map<string, string>
  /** Organisation of rows that name none (the import's choice). */
  organisation?: string | undefined
}

const CATEGORY_BY_WORD = new Map(
  CATEGORIES.flatMap((c) => [
    [c.code, c.code],
    [c.zh, c.code],
    [c.en.toLowerCase(), c.code],
  ]),
)
const STATUS_BY_WORD = new Map([
  ['open', 'open'],
  ['开放', 'open'],
  ['正常', 'open'],
  ['营业', 'open'],
  ['temporarily_closed', 'temporarily_closed'],
  ['暂停', 'temporarily_closed'],
  ['暂停服务', 'temporarily_closed'],
  ['临时关闭', 'temporarily_closed'],
  ['closed', 'closed'],
  ['关闭', 'closed'],
  ['已关闭', 'closed'],
  ['撤站', 'closed'],
  ['已撤站', 'closed'],
])

const ACCESS_BY_WORD = new Map([
  ['walk_in', 'walk_in'],
  ['直接进入', 'walk_in'],
  ['自由进出', 'walk_in'],
  ['ask_staff', 'ask_staff'],
  ['找工作人员', 'ask_staff'],
  ['询问工作人员', 'ask_staff'],
  ['scan_code', 'scan_code'],
  ['扫码', 'scan_code'],
  ['扫码进入', 'scan_code'],
  ['key_from_counter', 'key_from_counter'],
  ['柜台取钥匙', 'key_from_counter'],
  ['借钥匙', 'key_from_counter'],
])

const COORDINATE = /^\s*[+-]?\d{1,3}(\.\d+)?\s*$/

/** One raw row → a PlaceRecord, or every reason it cannot be one. */
export function validateRow(row: RawRow, ctx: RowContext): { record: PlaceRecord } | { errors: RowError[] } {
  const errors: RowError[] = []
  const fail = (field: string, code: ImportCode, params: MessageParams = {}) =>
    errors.push({ line: row.line, field, code, params, reason: importMessage(code, params) })
  if (row.problem) {
    fail('row', row.problem.code, row.problem.params)
    return { errors }
  }
  const v = (c: Column) => row.values[c]?.trim() || undefined

  const externalId = v('external_id')
  const id = v('id')?.toLowerCase() ?? (externalId ? stableId(externalId) : undefined)
  if (!id) fail('external_id', 'missing_id')

  const categoryText = v('category')
  const category = categoryText ? CATEGORY_BY_WORD.get(categoryText.toLowerCase()) : ctx.category
  if (!category)
    fail('category', categoryText ? 'unknown_category' : 'missing_category', categoryText ? { value: categoryText } : {})

  let location: [number, number] | undefined
  const [lngText, latText] = [v('lng'), v('lat')]
  const coordinates = { lng: lngText ?? '', lat: latText ?? '' }
  if (!lngText || !latText || !COORDINATE.test(lngText) || !COORDINATE.test(latText))
    fail(lngText && COORDINATE.test(lngText) ? 'lat' : 'lng', 'bad_coordinate', coordinates)
  else if (Math.abs(Number(lngText)) > 180 || Math.abs(Number(latText)) > 90)
    fail('lat', Math.abs(Number(lngText)) <= 90 ? 'coordinate_swapped' : 'coordinate_out_of_range', coordinates)
  else {
    location = toWgs84(Number(lngText), Number(latText), ctx.crs)
    if (!withinBounds(location, ctx.bounds))
      fail('lng', 'outside_area', { bounds: ctx.bounds.join(','), lng: location[0], lat: location[1] })
  }

  const amenities = parseAmenityList(v('amenities') ?? '')
  for (const word of amenities.unknown) fail('amenities', 'unknown_amenity', { value: word })

  const readHours = (column: 'opening_hours' | 'staffed_hours'): OpeningHours | null => {
    const text = v(column)
    if (!text) return null
    const parsed = text.startsWith('{') ? parseHoursJson(text) : parseHoursText(text)
    if (parsed.ok) return parsed.hours
    fail(column, parsed.code, parsed.params)
    return null
  }
  const openingHours = readHours('opening_hours')
  const staffedHours = readHours('staffed_hours')
  const accessText = v('access_method')
  const accessMethod = accessText ? ACCESS_BY_WORD.get(accessText.toLowerCase()) : undefined
  if (accessText && !accessMethod) fail('access_method', 'unknown_access_method', { value: accessText })
  if (!accessText && (v('access_note_zh') || v('access_note_en'))) fail('access_method', 'access_note_without_method')
  const amenityStatus = parseJsonObject(v('amenity_status'), 'amenity_status', fail)

  const lookup = (column: Column, map: Map<string, string>, code: 'unknown_area' | 'unknown_organisation') => {
    const text = v(column)
    if (!text) return undefined
    const found = map.get(text.toLowerCase())
    if (!found) fail(column, code, { value: text })
    return found
  }
  const areaCode = lookup('area_code', ctx.areas, 'unknown_area')
  const organisationId = lookup('organisation_id', ctx.organisations, 'unknown_organisation') ?? ctx.organisation
  const statusText = v('status')
  const status = statusText ? STATUS_BY_WORD.get(statusText.toLowerCase()) : 'open'
  if (!status) fail('status', 'unknown_status', { value: statusText! })
  const details = parseJsonObject(v('details'), 'details', fail)
  if (errors.length) return { errors }

  const parsed = PlaceRecord.safeParse(
    Object.fromEntries(
      Object.entries({
        id,
        external_id: externalId,
        category,
        name_zh: v('name_zh'),
        name_en: v('name_en'),
        address_zh: v('address_zh'),
        address_en: v('address_en'),
        area_code: areaCode,
        location,
        phone: v('phone'),
        organisation_id: organisationId,
        description_zh: v('description_zh'),
        description_en: v('description_en'),
        amenities: amenities.codes,
        opening_hours: openingHours,
        staffed_hours: staffedHours,
        access: accessMethod
          ? Object.fromEntries(
              Object.entries({ method: accessMethod, note_zh: v('access_note_zh'), note_en: v('access_note_en') }).filter(
                ([, value]) => value !== undefined,
              ),
            )
          : undefined,
        amenity_status: amenityStatus,
        status,
        status_reason: v('status_reason'),
        status_until: v('status_until'),
        details,
        source: v('source') ?? ctx.source,
      }).filter(([, value]) => value !== undefined),
    ),
  )
  if (parsed.success) {
    // NUL and unpaired surrogates (from a GeoJSON string or a JSON cell's escapes) cannot be stored.
    const unsafe = findUnsafeText(parsed.data)
    if (!unsafe) return { record: parsed.data }
    const field = unsafe.field.split('.')[0]!
    return {
      errors: [
        {
          line: row.line,
          field,
          code: 'unsafe_text',
          params: { field: unsafe.field },
          reason: importMessage('unsafe_text', { field: unsafe.field }),
        },
      ],
    }
  }
  return { errors: parsed.error.issues.map((issue) => schemaError(row.line, issue, v('name_zh'))) }
}

/** A place-schema issue as a row error with a code the staff view can translate. */
function schemaError(line: number, issue: z.core.$ZodIssue, name: string | undefined): RowError {
  const field = issue.path[0] === 'location' ? 'lng' : issue.path.map(String).join('.') || 'row'
  const input = (issue as { input?: unknown }).input
  const [code, params]: [ImportCode, MessageParams] =
    issue.path[0] === 'name_zh' && !name
      ? ['missing_name', {}]
      : issue.code === 'too_big' && issue.origin === 'string'
        ? ['too_long', { max: Number(issue.maximum) }]
        : issue.path[0] === 'phone'
          ? ['bad_phone', {}]
          : issue.path[0] === 'status_until'
            ? ['bad_date', { value: typeof input === 'string' || typeof input === 'number' ? String(input) : '' }]
            : ['invalid_value', { detail: issue.message }]
  return { line, field, code, params, reason: importMessage(code, params) }
}

type HoursJson = { ok: true; hours: OpeningHours } | { ok: false; code: 'hours_bad_json'; params: { detail: string } }
function parseHoursJson(text: string): HoursJson {
  const bad = (detail: string): HoursJson => ({ ok: false, code: 'hours_bad_json', params: { detail } })
  try {
    const parsed = OpeningHoursSchema.safeParse(JSON.parse(text))
    if (parsed.success) return { ok: true, hours: parsed.data as OpeningHours }
    const issue = parsed.error.issues[0]
    return bad(issue ? `${issue.path.join('.')}: ${issue.message}` : 'not opening hours')
  } catch {
    return bad('starts with { but is not JSON')
  }
}

function parseJsonObject(
  text: string | undefined,
  field: 'details' | 'amenity_status',
  fail: (field: string, code: 'details_not_object' | 'amenity_status_not_object') => void,
): Record<string, unknown> | undefined {
  if (!text) return undefined
  try {
    const value: unknown = JSON.parse(text)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // reported below
  }
  fail(field, field === 'details' ? 'details_not_object' : 'amenity_status_not_object')
  return undefined
}
