import { Hono, type Context } from 'hono'
import { currentStaff, requireAdmin, type Staff } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { readHolidayFile } from '../import/holiday-file.js'
import { readJson } from '../lib/json-body.js'
import { ApiError } from '../lib/problem.js'
import { parseQuery } from '../lib/query-params.js'
import {
  calendarHistory,
  listCalendarYear,
  listCalendarYears,
  replaceCalendarYears,
  type CalendarDay,
} from '../queries/holidays.js'
import {
  CalendarYear,
  CalendarYearBody,
  CalendarYears,
  HOLIDAY_IMPORT_PARAMS,
  HOLIDAY_YEAR_PARAMS,
  HolidayImportQuery,
  HolidayImportReport,
  HolidayYearParam,
  HolidayYearQuery,
} from '../schemas/holidays.js'
import { z } from 'zod'
import { badBody, denied } from '../openapi/common.js'
import { json, problem, route } from '../openapi/describe.js'

/** China's public-holiday calendar: anyone reads it; administrators replace a year or import a file. */
export const holidayRoutes = new Hono<AppEnv>()

holidayRoutes.get(
  '/',
  route({
    operationId: 'holidayYear',
    summary: "A year of China's public holidays and make-up workdays (调休)",
    tags: ['catalogue'],
    query: HolidayYearQuery,
    responses: { 200: json('The year', CalendarYear), 400: problem('Invalid year') },
  }),
  async (c) => {
    const { year } = parseQuery(c, HolidayYearQuery, HOLIDAY_YEAR_PARAMS)
    const staff = await currentStaff(c)
    const db = c.get('db')
    const days = await listCalendarYear(db, year)
    return c.json({ year, days, ...(staff?.role === 'admin' ? { history: await calendarHistory(db, year) } : {}) })
  },
)

holidayRoutes.get(
  '/years',
  route({
    operationId: 'holidayYears',
    summary: 'The years the calendar has, with their counts',
    tags: ['catalogue'],
    responses: { 200: json('Years', CalendarYears) },
  }),
  async (c) => c.json({ years: await listCalendarYears(c.get('db')) }),
)

const countsOf = (days: CalendarDay[]) => {
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort()
  return years.map((year) => {
    const of = days.filter((d) => d.date.startsWith(`${year}-`))
    return {
      year,
      holidays: of.filter((d) => d.kind === 'holiday').length,
      makeup_workdays: of.filter((d) => d.kind === 'makeup_workday').length,
    }
  })
}

/** Writes the years and forgets the cached calendar, so this app's next search already uses the new days. */
async function write(c: Context<AppEnv>, staff: Staff, years: number[], days: CalendarDay[], source: string) {
  const by = { accountId: staff.id, username: staff.username, source }
  const changed = await replaceCalendarYears(c.get('db'), years, days, by, c.get('now'))
  c.get('calendars').clear()
  return changed
}

holidayRoutes.put(
  '/:year',
  route({
    operationId: 'replaceHolidayYear',
    summary: 'Replace a whole year of the calendar (admin; audited)',
    tags: ['staff'],
    security: ['staffSession'],
    params: z.object({ year: z.string().regex(/^\d{4}$/) }),
    body: { content: { 'application/json': CalendarYearBody } },
    responses: {
      200: json('The year as stored, with its history', CalendarYear),
      ...denied('Not allowed (not an administrator / other organisation)'),
      404: problem('Bad year'),
      ...badBody('Wrong body type'),
    },
  }),
  async (c) => {
    const staff = await requireAdmin(c)
    const parsed = HolidayYearParam.safeParse({ year: c.req.param('year') })
    if (!parsed.success) throw new ApiError(404, 'No such year')
    const { year } = parsed.data
    const { days } = await readJson(c, CalendarYearBody)
    const errors = days.flatMap((d, i) => [
      ...(d.date.startsWith(`${year}-`) ? [] : [{ field: `days.${i}.date`, message: `not in ${year}` }]),
      ...(days.findIndex((o) => o.date === d.date) !== i ? [{ field: `days.${i}.date`, message: 'listed twice' }] : []),
    ])
    if (errors.length) throw new ApiError(422, `Invalid body: ${errors.map((e) => e.field).join(', ')}`, { errors })
    await write(c, staff, [year], days, `staff:${staff.username}`)
    c.header('Cache-Control', 'no-store')
    return c.json({ year, days: await listCalendarYear(c.get('db'), year), history: await calendarHistory(c.get('db'), year) })
  },
)

holidayRoutes.post(
  '/import',
  route({
    operationId: 'importHolidays',
    summary: 'Import the State Council notice for a year: CSV (date,kind,name_zh,name_en) or JSON (admin)',
    description:
      'Each year in the file replaces that year whole. JSON may be {"days": […]} or the chinese-days package year file. ' +
      'dry_run=true validates and counts without writing; any bad line → 422 naming it, nothing written.',
    tags: ['staff'],
    security: ['staffSession'],
    query: HolidayImportQuery,
    body: { content: { 'text/csv': { jsonSchema: { type: 'string' } }, 'application/json': { jsonSchema: { type: 'object' } } } },
    responses: {
      200: json('What was (or would be) written', HolidayImportReport),
      ...denied('Not allowed (not an administrator / other organisation)'),
      ...badBody('Wrong body type'),
    },
  }),
  async (c) => {
    const staff = await requireAdmin(c)
    const query = parseQuery(c, HolidayImportQuery, HOLIDAY_IMPORT_PARAMS)
    const type = c.req.header('content-type') ?? ''
    const format = query.format ?? (/json/i.test(type) ? 'json' : /^text\/(csv|plain)\b/i.test(type) ? 'csv' : undefined)
    if (!format) throw new ApiError(415, 'Send the file as text/csv or application/json')
    const text = await c.req.text()
    if (!text.trim()) throw new ApiError(400, 'The file is empty')
    const file = readHolidayFile(text, format)
    c.header('Cache-Control', 'no-store')
    if (!file.ok)
      throw new ApiError(422, `${file.errors.length} problem(s) in the file; nothing written`, {
        errors: file.errors.map((e) => ({ field: `line ${e.line}: ${e.field}`, message: e.message })),
      })
    const years = countsOf(file.days)
    const changed = query.dry_run
      ? []
      : await write(
          c,
          staff,
          years.map((y) => y.year),
          file.days,
          `import:web (${staff.username})`,
        )
    return c.json({ dry_run: query.dry_run, years, changed })
  },
)
