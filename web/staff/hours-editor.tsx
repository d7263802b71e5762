import type { DayKey, Interval, OpeningHours } from '../api.js'
import { useStaffText } from './messages.js'
import { useI18n } from '../i18n/index.js'
import { shanghaiDate } from '../lib/format.js'

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

const WEEKDAYS: DayKey[] = ['mo', 'tu', 'we', 'th', 'fr']

/** The first date from today (Asia/Shanghai, whatever the browser's zone) that has no exception yet. */
export function nextFreeDate(exceptions: Array<{ date: string }>, now = new Date()): string {
  let date = shanghaiDate(now)
  while (exceptions.some((e) => e.date === date))
    date = shanghaiDate(new Date(new Date(`${date}T12:00:00+08:00`).getTime() + 86_400_000))
  return date
}

/** A day's hours copied to other days (the weekdays, or all seven). */
export function copyDay(hours: OpeningHours, from: DayKey, to: DayKey[]): OpeningHours {
  const intervals = hours.weekly[from] ?? []
  const weekly = { ...hours.weekly }
  for (const day of to) weekly[day] = intervals.map(([a, b]) => [a, b] as Interval)
  return { ...hours, weekly }
}

type HoursException = NonNullable<OpeningHours['exceptions']>[number]

/** Sets a note; an empty one is dropped rather than stored as "". */
function withNote(e: HoursException, key: 'note_zh' | 'note_en', text: string): HoursException {
  const next = { ...e }
  if (text.trim()) next[key] = text
  else delete next[key]
  return next
}

/**
 * Weekly hours (several intervals a day; past midnight as 22:00–26:00), copied from one day to the weekdays or to
 * every day, and dated exceptions with a note in Chinese and English that the public page shows ("国庆休息").
 */
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
  const setExceptions = (next: HoursException[]) => onChange({ ...value, exceptions: next })
  const change = (i: number, update: (e: HoursException) => HoursException) =>
    setExceptions(exceptions.map((x, k) => (k === i ? update(x) : x)))
  return (
    <div class="hours-editor">
      <p class="staff-muted">{st('overnightHint')}</p>
      <table>
        <tbody>
          {DAYS.map((day, i) => {
            const name = t(DAY_MESSAGES[i]!)
            return (
              <tr key={day}>
                <th scope="row">{name}</th>
                <td>
                  <IntervalsEditor
                    label={name}
                    intervals={value.weekly[day] ?? []}
                    onChange={(next) => onChange({ ...value, weekly: { ...value.weekly, [day]: next } })}
                  />
                </td>
                <td>
                  <span class="copy-day">
                    <button
                      type="button"
                      class="link-button"
                      aria-label={`${name}: ${st('copyToWeekdays')}`}
                      onClick={() => onChange(copyDay(value, day, WEEKDAYS))}
                    >
                      {st('copyToWeekdays')}
                    </button>
                    <button
                      type="button"
                      class="link-button"
                      aria-label={`${name}: ${st('copyToAllDays')}`}
                      onClick={() => onChange(copyDay(value, day, DAYS))}
                    >
                      {st('copyToAllDays')}
                    </button>
                  </span>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <h4>{st('exceptions')}</h4>
      {exceptions.map((exception, i) => (
        <div class="exception" key={i} role="group" aria-label={`${st('exceptions')} ${exception.date}`}>
          <label>
            {st('exceptionDate')}
            <input
              type="date"
              name="exception_date"
              value={exception.date}
              onInput={(e) => change(i, (x) => ({ ...x, date: e.currentTarget.value }))}
            />
          </label>
          <IntervalsEditor
            label={exception.date}
            intervals={exception.intervals}
            onChange={(next) => change(i, (x) => ({ ...x, intervals: next }))}
          />
          <label>
            {st('exceptionNoteZh')}
            <input
              name="exception_note_zh"
              maxLength={100}
              placeholder={st('exceptionNotePlaceholder')}
              value={exception.note_zh ?? ''}
              onInput={(e) => change(i, (x) => withNote(x, 'note_zh', e.currentTarget.value))}
            />
          </label>
          <label>
            {st('exceptionNoteEn')}
            <input
              name="exception_note_en"
              maxLength={100}
              value={exception.note_en ?? ''}
              onInput={(e) => change(i, (x) => withNote(x, 'note_en', e.currentTarget.value))}
            />
          </label>
          <button type="button" class="link-button" onClick={() => setExceptions(exceptions.filter((_, k) => k !== i))}>
            {st('remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="button"
        onClick={() => setExceptions([...exceptions, { date: nextFreeDate(exceptions), intervals: [] }])}
      >
        {st('addException')}
      </button>
    </div>
  )
}
