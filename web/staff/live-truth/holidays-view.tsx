/**
 * The public-holiday calendar (#/holidays): the years it has, a year's days, and (administrators) an import of
 * the next year with a check first. Each import replaces a year whole and is recorded.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Account } from '../staff-api.js'
import { truthApi, type CalendarYear, type ImportReport } from './truth-api.js'
import { useTruthText } from './text.js'

type Years = Awaited<ReturnType<typeof truthApi.years>>

export function HolidaysView({ account }: { account: Account }) {
  const { tt, pick, lang } = useTruthText()
  const [years, setYears] = useState<Years | null>(null)
  const [year, setYear] = useState<number | null>(null)
  const [shown, setShown] = useState<CalendarYear | null>(null)
  const [text, setText] = useState('')
  const [checked, setChecked] = useState<ImportReport | null>(null)
  const [message, setMessage] = useState('')
  const [errors, setErrors] = useState<Array<{ field: string; message: string }>>([])
  const [version, setVersion] = useState(0)
  useEffect(() => {
    truthApi.years().then(
      (list) => {
        setYears(list)
        setYear((y) => y ?? list[list.length - 1]?.year ?? new Date().getFullYear())
      },
      (e: Error) => setMessage(e.message),
    )
  }, [version])
  useEffect(() => {
    if (year !== null) truthApi.year(year).then(setShown, (e: Error) => setMessage(e.message))
  }, [year, version])

  const format = text.trim().startsWith('{') || text.trim().startsWith('[') ? 'json' : 'csv'
  const summary = (report: ImportReport) =>
    report.years.map((y) => tt('yearSummary', { year: y.year, holidays: y.holidays, makeup: y.makeup_workdays })).join('；')
  const run = async (dryRun: boolean) => {
    setMessage('')
    setErrors([])
    try {
      const report = await truthApi.importFile(text, format, dryRun)
      if (dryRun) {
        setChecked(report)
        setMessage(tt('checked', { summary: summary(report) }))
      } else {
        setChecked(null)
        setMessage(report.changed.length ? tt('written', { years: report.changed.join(', ') }) : tt('unchanged'))
        setYear(report.years[0]?.year ?? year)
        setVersion((v) => v + 1)
      }
    } catch (e) {
      const problem = (e as { problem?: { detail: string; errors?: Array<{ field: string; message: string }> } }).problem
      setChecked(null)
      setMessage(problem?.detail ?? String(e))
      setErrors(problem?.errors ?? [])
    }
  }
  return (
    <section class="holidays-view">
      <h2>{tt('holidaysTitle')}</h2>
      <p class="staff-muted">{tt('holidaysIntro')}</p>
      <label>
        {tt('year')}
        <select value={year ?? ''} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {(years ?? []).map((y) => (
            <option key={y.year} value={y.year}>
              {tt('yearSummary', { year: y.year, holidays: y.holidays, makeup: y.makeup_workdays })}
            </option>
          ))}
        </select>
      </label>
      {shown && (
        <table class="calendar-days">
          <thead>
            <tr>
              <th scope="col">{tt('day')}</th>
              <th scope="col">{tt('kind')}</th>
              <th scope="col">{tt('name')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.days.map((d) => (
              <tr key={d.date} class={d.kind}>
                <td>{d.date}</td>
                <td>{tt(d.kind === 'holiday' ? 'kindHoliday' : 'kindMakeup')}</td>
                <td>{pick(d.name_zh, d.name_en)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown?.history?.length ? (
        <>
          <h3>{tt('changes')}</h3>
          <ul>
            {shown.history.map((h) => (
              <li key={h.id}>
                {tt('changeEntry', {
                  at: new Date(h.at).toLocaleString(lang, { timeZone: 'Asia/Shanghai' }),
                  who: h.username,
                  before: h.before,
                  after: h.after,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {account.role === 'admin' ? (
        <form
          class="staff-card holiday-import"
          onSubmit={(e) => {
            e.preventDefault()
            void run(checked === null)
          }}
        >
          <h3>{tt('importTitle')}</h3>
          <p class="staff-muted">{tt('importHint')}</p>
          <label>
            {tt('chooseFile')}
            <input
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0]
                if (file) {
                  setText(await file.text())
                  setChecked(null)
                }
              }}
            />
          </label>
          <label>
            {tt('pasteHere')}
            <textarea
              name="holiday_file"
              rows={8}
              value={text}
              onInput={(e) => {
                setText(e.currentTarget.value)
                setChecked(null)
              }}
            />
          </label>
          <div class="staff-actions">
            <button type="submit" class="button button-primary" disabled={!text.trim()}>
              {checked ? tt('write') : tt('check')}
            </button>
          </div>
          {message && (
            <p role="status" class={errors.length ? 'staff-error' : 'staff-ok'}>
              {message}
            </p>
          )}
          {errors.length > 0 && (
            <ul class="staff-error">
              {errors.map((err) => (
                <li key={`${err.field}${err.message}`}>
                  {err.field}: {err.message}
                </li>
              ))}
            </ul>
          )}
        </form>
      ) : (
        <p class="staff-muted">{tt('adminOnly')}</p>
      )}
    </section>
  )
}
