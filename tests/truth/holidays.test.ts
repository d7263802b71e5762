import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, createTestPlace, jsonRequest, ORG_WAITAN, removeTestPlaces, signIn, uniqueName } from '../helpers/staff.js'
import { shanghai, testApp, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

type Props = { open_now: boolean | null; opens_at: string | null; closes_at: string | null; week: WeekDay[] | null }
type WeekDay = { date: string; intervals: string[][]; reason: string | null; holiday: { kind: string; name_zh: string } | null }
const weekdays = [['09:00', '17:00']]
const WEEKDAY_HOURS = { weekly: { mo: weekdays, tu: weekdays, we: weekdays, th: weekdays, fr: weekdays }, holidays: 'closed' }

/** A weekday-only place (09:00–17:00) that closes on public holidays, with a name of its own to search for. */
async function weekdayPlace(hours: Record<string, unknown> = WEEKDAY_HOURS) {
  const name = uniqueName('节假日测试站')
  const id = await createTestPlace(ORG_WAITAN, { name_zh: name, opening_hours: hours })
  return { id, name }
}
const detailAt = async (id: string, at: string) =>
  await (await (await testApp({ clock: () => shanghai(at) })).request(`/api/v1/places/${id}`)).json<{ properties: Props }>()
const openNowIdsAt = async (name: string, at: string) => {
  const app = await testApp({ clock: () => shanghai(at) })
  const res = await app.request(`/api/v1/places?q=${encodeURIComponent(name)}&open_now=true`)
  return (await res.json<{ features: { id: string }[] }>()).features.map((f) => f.id)
}

describe('public holidays and make-up workdays in the place API', () => {
  it('a weekday-only place with holidays "closed" is closed at 10:00 on 2026-02-17 and open on Saturday 2026-02-14', async () => {
    const { id, name } = await weekdayPlace()
    const holiday = await detailAt(id, '2026-02-17T10:00')
    expect(holiday.properties.open_now).toBe(false)
    expect(holiday.properties.opens_at).toBe('2026-02-24T09:00:00+08:00')
    expect(await openNowIdsAt(name, '2026-02-17T10:00')).toEqual([])
    const makeup = await detailAt(id, '2026-02-14T10:00')
    expect(makeup.properties.open_now).toBe(true)
    expect(makeup.properties.closes_at).toBe('2026-02-14T17:00:00+08:00')
    expect(await openNowIdsAt(name, '2026-02-14T10:00')).toEqual([id])
    expect(await openNowIdsAt(name, '2026-02-28T10:00')).toEqual([id])
  })

  it('National Day: closed 2026-10-01…07, open on the make-up Saturday 2026-10-10, as usual the week after', async () => {
    const { id, name } = await weekdayPlace()
    for (const day of ['01', '05', '07']) expect(await openNowIdsAt(name, `2026-10-${day}T10:00`)).toEqual([])
    expect(await openNowIdsAt(name, '2026-10-10T10:00')).toEqual([id])
    expect(await openNowIdsAt(name, '2026-10-11T10:00')).toEqual([])
    expect(await openNowIdsAt(name, '2026-10-12T10:00')).toEqual([id])
  })

  it('as_usual (the default) keeps the weekly hours; holiday hours apply on holidays; exceptions win', async () => {
    const usual = await weekdayPlace({ weekly: WEEKDAY_HOURS.weekly })
    expect(await openNowIdsAt(usual.name, '2026-02-17T10:00')).toEqual([usual.id])
    expect(await openNowIdsAt(usual.name, '2026-02-14T10:00')).toEqual([])
    const short = await weekdayPlace({ ...WEEKDAY_HOURS, holidays: [['09:00', '12:00']] })
    expect(await openNowIdsAt(short.name, '2026-02-17T11:00')).toEqual([short.id])
    expect(await openNowIdsAt(short.name, '2026-02-17T13:00')).toEqual([])
    const excepted = await weekdayPlace({
      ...WEEKDAY_HOURS,
      exceptions: [{ date: '2026-02-17', intervals: [['10:00', '11:00']] }],
    })
    expect(await openNowIdsAt(excepted.name, '2026-02-17T10:30')).toEqual([excepted.id])
  })

  it('shows the coming week as it will be, with holiday names', async () => {
    const { id } = await weekdayPlace()
    const { properties } = await detailAt(id, '2026-02-13T10:00')
    expect(properties.week!.map((d) => [d.date, d.intervals.length, d.reason, d.holiday?.name_zh ?? null])).toEqual([
      ['2026-02-13', 1, null, null],
      ['2026-02-14', 1, 'makeup_workday', '春节'],
      ['2026-02-15', 0, 'holiday', '春节'],
      ['2026-02-16', 0, 'holiday', '春节'],
      ['2026-02-17', 0, 'holiday', '春节'],
      ['2026-02-18', 0, 'holiday', '春节'],
      ['2026-02-19', 0, 'holiday', '春节'],
    ])
  })
})

describe('the holiday calendar API', () => {
  let admin: string
  let editor: string
  beforeAll(async () => {
    const app = await testApp()
    admin = await signIn(app, (await createStaff('admin')).username)
    editor = await signIn(app, (await createStaff('editor', [ORG_WAITAN])).username)
  })
  const csv2027 = [
    'date,kind,name_zh,name_en',
    "2027-01-01,holiday,元旦,New Year's Day",
    '2027-02-06,放假,春节,Spring Festival',
    '2027-02-07,holiday,春节,Spring Festival',
    '2027-02-08,holiday,春节,Spring Festival',
    '2027-02-20,上班,春节,Spring Festival',
  ].join('\n')
  const importFile = async (body: string, cookie: string, query = '', type = 'text/csv') =>
    (await testApp()).request(`/api/v1/holidays/import${query}`, {
      method: 'POST',
      headers: { 'Content-Type': type, Cookie: cookie, Origin: 'http://localhost' },
      body,
    })

  it('lists a year to anyone and the years it has', async () => {
    const app = await testApp()
    const year = await (await app.request('/api/v1/holidays?year=2026')).json<{
      days: { date: string }[]
      history?: unknown
    }>()
    expect(year.days.length).toBe(39)
    expect(year.history).toBeUndefined()
    const years = await (await app.request('/api/v1/holidays/years')).json<{ years: { year: number }[] }>()
    expect(years.years.map((y) => y.year)).toEqual(expect.arrayContaining([2025, 2026]))
    expect((await app.request('/api/v1/holidays?year=26')).status).toBe(400)
  })

  it('imports next year from a CSV: a dry run writes nothing, then the year is written with an audit entry', async () => {
    const { db } = await testDatabase()
    await db.deleteFrom('holiday_calendar').where('date', '>=', '2027-01-01').where('date', '<=', '2027-12-31').execute()
    const dry = await importFile(csv2027, admin, '?dry_run=true')
    expect(dry.status).toBe(200)
    expect(await dry.json()).toEqual({ dry_run: true, years: [{ year: 2027, holidays: 4, makeup_workdays: 1 }], changed: [] })
    expect(await db.selectFrom('holiday_calendar').select('date').where('date', '>=', '2027-01-01').execute()).toEqual([])

    const written = await importFile(csv2027, admin)
    expect((await written.json<{ changed: number[] }>()).changed).toEqual([2027])
    const { name } = await weekdayPlace()
    // Saturday 2027-02-20 is a make-up workday, Monday 2027-02-08 a holiday.
    expect((await openNowIdsAt(name, '2027-02-20T10:00')).length).toBe(1)
    expect(await openNowIdsAt(name, '2027-02-08T10:00')).toEqual([])
    const audit = () =>
      db.selectFrom('staff_audit').selectAll().where('subject', '=', 'holidays:2027').orderBy('id', 'desc').execute()
    const [entry] = await audit()
    expect(entry!.action).toBe('holiday_year_replace')
    expect(entry!.changes.days!.after as unknown[]).toHaveLength(5)
    const entries = (await audit()).length
    // The same file again changes nothing and leaves no new audit entry.
    expect((await (await importFile(csv2027, admin)).json<{ changed: number[] }>()).changed).toEqual([])
    expect((await audit()).length).toBe(entries)
    await db.deleteFrom('holiday_calendar').where('date', '>=', '2027-01-01').where('date', '<=', '2027-12-31').execute()
  })

  it('accepts the chinese-days year file as it is', async () => {
    const file = JSON.stringify({
      holidays: { '2027-05-01': 'Labour Day,劳动节,2' },
      workdays: { '2027-04-25': 'Labour Day,劳动节,2' },
    })
    const res = await importFile(file, admin, '?dry_run=true', 'application/json')
    expect(await res.json()).toEqual({ dry_run: true, years: [{ year: 2027, holidays: 1, makeup_workdays: 1 }], changed: [] })
  })

  it('refuses a file with a bad line, naming it, and writes nothing; only administrators import', async () => {
    const bad = await importFile(`${csv2027}\n2027-02-30,holiday,春节,Spring Festival\n2027-03-01,maybe,x,y`, admin)
    expect(bad.status).toBe(422)
    const problem = await bad.json<{ errors: { field: string }[] }>()
    expect(problem.errors.map((e) => e.field)).toEqual(['line 7: date', 'line 8: kind'])
    const { db } = await testDatabase()
    expect(await db.selectFrom('holiday_calendar').select('date').where('date', '>=', '2027-01-01').execute()).toEqual([])
    expect((await importFile(csv2027, editor)).status).toBe(403)
    expect((await importFile(csv2027, '')).status).toBe(401)
  })

  it('replaces a year with PUT (admin), refusing days of another year', async () => {
    const app = await testApp()
    const put = (days: unknown[]) => app.request('/api/v1/holidays/2028', jsonRequest('PUT', { days }, { cookie: admin }))
    const wrong = await put([{ date: '2027-10-01', kind: 'holiday', name_zh: '国庆节', name_en: 'National Day' }])
    expect(wrong.status).toBe(422)
    const ok = await put([{ date: '2028-10-02', kind: 'holiday', name_zh: '国庆节', name_en: 'National Day' }])
    expect(ok.status).toBe(200)
    const body = await ok.json<{ days: { date: string; source: string }[]; history: { username: string }[] }>()
    expect(body.days).toEqual([expect.objectContaining({ date: '2028-10-02', source: expect.stringMatching(/^staff:/) })])
    expect(body.history).toHaveLength(1)
    expect((await put([])).status).toBe(200)
    const { db } = await testDatabase()
    expect(await db.selectFrom('holiday_calendar').select('date').where('date', '>=', '2028-01-01').execute()).toEqual([])
    expect((await app.request('/api/v1/holidays/2028', jsonRequest('PUT', { days: [] }, { cookie: editor }))).status).toBe(403)
  })
})
