import { parseAmenityList } from '../domain/amenity-aliases.js'
import { CATEGORIES } from '../domain/categories.js'
import type { OpeningHours } from '../domain/opening-hours.js'
import { OpeningHoursSchema } from '../schemas/opening-hours.js'
import { PlaceRecord } from '../schemas/place-record.js'
import type { Column, RawRow } from './columns.js'
import { toWgs84, withinBounds, type Bounds, type Crs } from './coordinates.js'
import { parseHoursText } from './hours-text.js'
import { stableId } from './stable-id.js'

export interface RowError {
  line: number
  field: string
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

const COORDINATE = /^\s*[+-]?\d{1,3}(\.\d+)?\s*$/

/** One raw row → a PlaceRecord, or every reason it cannot be one. */
export function validateRow(row: RawRow, ctx: RowContext): { record: PlaceRecord } | { errors: RowError[] } {
  const errors: RowError[] = []
  const fail = (field: string, reason: string) => errors.push({ line: row.line, field, reason })
  const v = (c: Column) => row.values[c]?.trim() || undefined

  const externalId = v('external_id')
  const id = v('id')?.toLowerCase() ?? (externalId ? stableId(externalId) : undefined)
  if (!id) fail('external_id', 'needs an external_id (or an id)')

  const categoryText = v('category')
  const category = categoryText ? CATEGORY_BY_WORD.get(categoryText.toLowerCase()) : ctx.category
  if (!category) fail('category', categoryText ? `unknown category '${categoryText}'` : 'missing (give the column or --category)')

  let location: [number, number] | undefined
  const [lngText, latText] = [v('lng'), v('lat')]
  if (!lngText || !latText || !COORDINATE.test(lngText) || !COORDINATE.test(latText))
    fail(lngText && COORDINATE.test(lngText) ? 'lat' : 'lng', `bad coordinate '${lngText ?? ''}, ${latText ?? ''}'`)
  else if (Math.abs(Number(lngText)) > 180 || Math.abs(Number(latText)) > 90)
    fail(
      'lat',
      `bad coordinate '${lngText}, ${latText}': out of range${Math.abs(Number(lngText)) <= 90 ? ' (lng and lat swapped?)' : ''}`,
    )
  else {
    location = toWgs84(Number(lngText), Number(latText), ctx.crs)
    if (!withinBounds(location, ctx.bounds))
      fail('lng', `outside the service area (${ctx.bounds.join(',')}): ${location.join(', ')}`)
  }

  const amenities = parseAmenityList(v('amenities') ?? '')
  for (const word of amenities.unknown) fail('amenities', `unknown amenity '${word}'`)

  let openingHours: OpeningHours | null = null
  const hoursText = v('opening_hours')
  if (hoursText) {
    const parsed = hoursText.startsWith('{') ? parseHoursJson(hoursText) : parseHoursText(hoursText)
    if (parsed.ok) openingHours = parsed.hours
    else fail('opening_hours', `malformed hours: ${parsed.error}`)
  }

  const lookup = (column: Column, map: Map<string, string>, what: string) => {
    const text = v(column)
    if (!text) return undefined
    const code = map.get(text.toLowerCase())
    if (!code) fail(column, `unknown ${what} '${text}'`)
    return code
  }
  const areaCode = lookup('area_code', ctx.areas, 'area')
  const organisationId = lookup('organisation_id', ctx.organisations, 'organisation')
  const statusText = v('status')
  const status = statusText ? STATUS_BY_WORD.get(statusText.toLowerCase()) : 'open'
  if (!status) fail('status', `unknown status '${statusText}'`)
  const details = parseDetails(v('details'), fail)
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
        status,
        status_reason: v('status_reason'),
        status_until: v('status_until'),
        details,
        source: v('source') ?? ctx.source,
      }).filter(([, value]) => value !== undefined),
    ),
  )
  if (parsed.success) return { record: parsed.data }
  return {
    errors: parsed.error.issues.map((issue) => ({
      line: row.line,
      field: issue.path[0] === 'location' ? 'lng' : issue.path.map(String).join('.') || 'row',
      reason: issue.path[0] === 'name_zh' && !v('name_zh') ? 'missing name' : issue.message,
    })),
  }
}

function parseHoursJson(text: string): { ok: true; hours: OpeningHours } | { ok: false; error: string } {
  try {
    const parsed = OpeningHoursSchema.safeParse(JSON.parse(text))
    if (parsed.success) return { ok: true, hours: parsed.data as OpeningHours }
    return { ok: false, error: parsed.error.issues[0]?.message ?? 'not opening hours' }
  } catch {
    return { ok: false, error: 'starts with { but is not JSON' }
  }
}

function parseDetails(
  text: string | undefined,
  fail: (field: string, reason: string) => void,
): Record<string, unknown> | undefined {
  if (!text) return undefined
  try {
    const value: unknown = JSON.parse(text)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // reported below
  }
  fail('details', 'details must be a JSON object')
  return undefined
}
