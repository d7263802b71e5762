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
  CalendarYearBody,
  HOLIDAY_IMPORT_PARAMS,
  HOLIDAY_YEAR_PARAMS,
  HolidayImportQuery,
  HolidayYearParam,
  HolidayYearQuery,
} from '../schemas/holidays.js'

/** China's public-holiday calendar: anyone reads it; administrators replace a year or import a file. */
export const holidayRoutes = new Hono<AppEnv>()

holidayRoutes.get('/', async (c) => {
  const { year } = parseQuery(c, HolidayYearQuery, HOLIDAY_YEAR_PARAMS)
  const staff = await currentStaff(c)
  const db = c.get('db')
  const days = await listCalendarYear(db, year)
  return c.json({ year, days, ...(staff?.role === 'admin' ? { history: await calendarHistory(db, year) } : {}) })
})

holidayRoutes.get('/years', async (c) => c.json({ years: await listCalendarYears(c.get('db')) }))

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

const write = (c: Context<AppEnv>, staff: Staff, years: number[], days: CalendarDay[], source: string) =>
  replaceCalendarYears(c.get('db'), years, days, { accountId: staff.id, username: staff.username, source }, c.get('now'))

holidayRoutes.put('/:year', async (c) => {
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
})

holidayRoutes.post('/import', async (c) => {
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
})
