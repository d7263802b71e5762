import { isValidDate } from '../domain/local-time.js'
import type { DayKind } from '../domain/opening-hours.js'
import type { CalendarDay } from '../queries/holidays.js'
import { CsvError, parseCsv } from './csv.js'

/**
 * A year of China's public holidays as an administrator gets it, to the calendar's rows. Three forms:
 * - CSV with a header: `date,kind,name_zh,name_en` (or 日期,类型,名称,英文名称), kind `holiday`/放假/休 or
 *   `makeup_workday`/上班/班/调休;
 * - JSON `{"days": [{"date", "kind", "name_zh", "name_en"}]}` (what GET /api/v1/holidays gives);
 * - the chinese-days package's own year file (`dist/years/2027.json`: `{"holidays": {"2027-01-01": "New Year's
 *   Day,元旦,1"}, "workdays": {…}}`), so a new release of that package can be uploaded as it is.
 * Every problem is reported with its line (CSV) or entry, and nothing is written unless the whole file is good.
 */
export interface HolidayFileError {
  line: number
  field: string
  message: string
}
export type HolidayFile = { ok: true; days: CalendarDay[] } | { ok: false; errors: HolidayFileError[] }

const KIND_WORDS = new Map<string, DayKind>([
  ['holiday', 'holiday'],
  ['放假', 'holiday'],
  ['休', 'holiday'],
  ['假', 'holiday'],
  ['节假日', 'holiday'],
  ['makeup_workday', 'makeup_workday'],
  ['workday', 'makeup_workday'],
  ['上班', 'makeup_workday'],
  ['班', 'makeup_workday'],
  ['调休', 'makeup_workday'],
  ['调休上班', 'makeup_workday'],
  ['补班', 'makeup_workday'],
])
const HEADERS: Record<string, keyof CalendarDay> = {
  date: 'date',
  日期: 'date',
  kind: 'kind',
  类型: 'kind',
  类别: 'kind',
  name_zh: 'name_zh',
  名称: 'name_zh',
  节日: 'name_zh',
  中文名称: 'name_zh',
  name_en: 'name_en',
  英文名称: 'name_en',
  英文名: 'name_en',
}

function checkDay(raw: Partial<Record<keyof CalendarDay, unknown>>, line: number, errors: HolidayFileError[]) {
  const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').trim() : '')
  const fail = (field: string, message: string) => errors.push({ line, field, message })
  const date = text(raw.date)
  if (!isValidDate(date)) fail('date', `'${date}' is not a YYYY-MM-DD date`)
  const kind = KIND_WORDS.get(text(raw.kind).toLowerCase())
  if (!kind) fail('kind', `'${text(raw.kind)}' is not holiday (放假) or makeup_workday (上班)`)
  const nameZh = text(raw.name_zh)
  const nameEn = text(raw.name_en)
  if (!nameZh || nameZh.length > 50) fail('name_zh', 'a Chinese name of 1–50 characters, e.g. 春节')
  if (!nameEn || nameEn.length > 80) fail('name_en', 'an English name of 1–80 characters, e.g. Spring Festival')
  return { date, kind: kind ?? 'holiday', name_zh: nameZh, name_en: nameEn }
}

function fromCsv(text: string, errors: HolidayFileError[]): CalendarDay[] {
  const records = [...parseCsv(text)]
  const header = records.shift()
  if (!header) return []
  const columns = header.fields.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()])
  for (const needed of ['date', 'kind', 'name_zh', 'name_en'] as const)
    if (!columns.includes(needed)) errors.push({ line: header.line, field: needed, message: `no ${needed} column` })
  if (errors.length) return []
  return records.map((r) => {
    const raw: Partial<Record<keyof CalendarDay, string>> = {}
    columns.forEach((column, i) => {
      if (column) raw[column] = r.fields[i] ?? ''
    })
    return checkDay(raw, r.line, errors)
  })
}

function fromJson(value: unknown, errors: HolidayFileError[]): CalendarDay[] {
  if (Array.isArray(value)) return fromJson({ days: value }, errors)
  if (value && typeof value === 'object' && 'days' in value && Array.isArray(value.days))
    return value.days.map((d: unknown, i: number) => checkDay((d ?? {}) as Record<string, unknown>, i + 1, errors))
  if (value && typeof value === 'object' && ('holidays' in value || 'workdays' in value)) {
    const v = value as { holidays?: Record<string, unknown>; workdays?: Record<string, unknown> }
    const entries = [
      ...Object.entries(v.holidays ?? {}).map(([date, text]) => ({ date, kind: 'holiday', text })),
      ...Object.entries(v.workdays ?? {}).map(([date, text]) => ({ date, kind: 'makeup_workday', text })),
    ]
    return entries.map((e, i) => {
      const [nameEn, nameZh] = typeof e.text === 'string' ? e.text.split(',') : []
      return checkDay({ date: e.date, kind: e.kind, name_zh: nameZh, name_en: nameEn }, i + 1, errors)
    })
  }
  errors.push({ line: 1, field: 'days', message: 'expected {"days": […]} or the chinese-days {"holidays", "workdays"} form' })
  return []
}

export function readHolidayFile(text: string, format: 'csv' | 'json'): HolidayFile {
  const errors: HolidayFileError[] = []
  let days: CalendarDay[]
  try {
    days = format === 'csv' ? fromCsv(text, errors) : fromJson(JSON.parse(text), errors)
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, errors: [{ line: error.line, field: 'file', message: error.message }] }
    if (error instanceof SyntaxError) return { ok: false, errors: [{ line: 1, field: 'file', message: 'not valid JSON' }] }
    throw error
  }
  const seen = new Map<string, number>()
  days.forEach((d, i) => {
    if (seen.has(d.date)) errors.push({ line: i + 1, field: 'date', message: `${d.date} is listed twice` })
    seen.set(d.date, i)
  })
  if (!errors.length && !days.length) errors.push({ line: 1, field: 'file', message: 'no days in the file' })
  return errors.length ? { ok: false, errors } : { ok: true, days: days.sort((a, b) => a.date.localeCompare(b.date)) }
}
