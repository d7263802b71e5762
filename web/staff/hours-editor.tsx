import type { DayKey, Interval, OpeningHours } from '../api.js'
import { useStaffText } from './messages.js'
import { useI18n } from '../i18n/index.js'

const DAYS: DayKey[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']
const DAY_MESSAGES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const

function IntervalsEditor({
  label,
  intervals,
  onChange,
}: {
  label: string
  intervals: Interval[]
  onChange: (next: Interval[]) => void
}) {
  const { st } = useStaffText()
  const set = (i: number, j: 0 | 1, value: string) =>
    onChange(intervals.map((iv, k) => (k === i ? (j === 0 ? [value, iv[1]] : [iv[0], value]) : iv)))
  return (
    <div class="intervals" role="group" aria-label={label}>
      {intervals.length === 0 && <span class="staff-muted">{st('closedAllDay')}</span>}
      {intervals.map(([opens, closes], i) => (
        <span class="interval" key={i}>
          <input
            aria-label={`${label} ${i + 1} opens`}
            class="hhmm"
            value={opens}
            pattern="\d{2}:\d{2}"
            placeholder="08:00"
            onInput={(e) => set(i, 0, e.currentTarget.value)}
          />
          –
          <input
            aria-label={`${label} ${i + 1} closes`}
            class="hhmm"
            value={closes}
            pattern="\d{2}:\d{2}"
            placeholder="20:00"
            onInput={(e) => set(i, 1, e.currentTarget.value)}
          />
          <button type="button" class="link-button" onClick={() => onChange(intervals.filter((_, k) => k !== i))}>
            {st('remove')}
          </button>
        </span>
      ))}
      {intervals.length < 6 && (
        <button type="button" class="link-button" onClick={() => onChange([...intervals, ['08:00', '20:00']])}>
          {st('addInterval')}
        </button>
      )}
    </div>
  )
}

/** Weekly hours (several intervals a day; past midnight as 22:00–26:00) and dated exceptions. */
export function HoursEditor({ value, onChange }: { value: OpeningHours | null; onChange: (next: OpeningHours | null) => void }) {
  const { st } = useStaffText()
  const { t } = useI18n()
  if (!value)
    return (
      <p>
        {st('hoursUnknown')}{' '}
        <button type="button" class="button" onClick={() => onChange({ weekly: {} })}>
          {st('setHours')}
        </button>
      </p>
    )
  const exceptions = value.exceptions ?? []
  const setExceptions = (next: OpeningHours['exceptions']) => onChange({ ...value, exceptions: next ?? [] })
  return (
    <div class="hours-editor">
      <p class="staff-muted">{st('overnightHint')}</p>
      <table>
        <tbody>
          {DAYS.map((day, i) => (
            <tr key={day}>
              <th scope="row">{t(DAY_MESSAGES[i]!)}</th>
              <td>
                <IntervalsEditor
                  label={t(DAY_MESSAGES[i]!)}
                  intervals={value.weekly[day] ?? []}
                  onChange={(next) => onChange({ ...value, weekly: { ...value.weekly, [day]: next } })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{st('exceptions')}</h4>
      {exceptions.map((exception, i) => (
        <div class="exception" key={i}>
          <label>
            {st('exceptionDate')}
            <input
              type="date"
              value={exception.date}
              onInput={(e) => setExceptions(exceptions.map((x, k) => (k === i ? { ...x, date: e.currentTarget.value } : x)))}
            />
          </label>
          <IntervalsEditor
            label={exception.date}
            intervals={exception.intervals}
            onChange={(next) => setExceptions(exceptions.map((x, k) => (k === i ? { ...x, intervals: next } : x)))}
          />
          <button type="button" class="link-button" onClick={() => setExceptions(exceptions.filter((_, k) => k !== i))}>
            {st('remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="button"
        onClick={() => setExceptions([...exceptions, { date: new Date().toISOString().slice(0, 10), intervals: [] }])}
      >
        {st('addException')}
      </button>
    </div>
  )
}
