/**
 * The coming seven days as they will really be (the API's `week`): public holidays, make-up workdays (调休) and
 * dated exceptions named, staffed hours beside the opening hours.
 */
import type { WeekDay } from '../../api.js'
import { useI18n } from '../../i18n/index.js'
import { formatIntervals } from '../../lib/hours.js'
import { dayName, isoWeekday } from '../../lib/format.js'
import { shortDate, truthText } from '../../lib/live-truth.js'

/** Worth a table of its own when a day differs from the weekly pattern or the place has staffed hours. */
export const weekIsWorthShowing = (week: WeekDay[] | null | undefined): week is WeekDay[] =>
  Boolean(week?.some((d) => d.reason !== null || d.staffed !== null))

export function WeekHours({ week }: { week: WeekDay[] }) {
  const i18n = useI18n()
  const { lang, pick } = i18n
  const why = (day: WeekDay) => {
    const name = day.holiday ? pick(day.holiday.name_zh, day.holiday.name_en) : ''
    if (day.reason === 'holiday') return truthText(lang, 'holidayHours', { name })
    if (day.reason === 'makeup_workday') return truthText(lang, 'makeupDay', { name })
    if (day.reason === 'exception') return truthText(lang, 'exception')
    return null
  }
  return (
    <section aria-labelledby="week-heading" class="week-hours">
      <h4 id="week-heading">{truthText(lang, 'week')}</h4>
      <table class="hours week">
        <tbody>
          {week.map((day, index) => (
            <tr key={day.date} class={`${index === 0 ? 'today' : ''}${day.reason ? ' special' : ''}`.trim() || undefined}>
              <th scope="row">
                {shortDate(day.date, lang)} {dayName(isoWeekday(day.date), i18n)}
                {index === 0 ? ` (${i18n.t('today')})` : ''}
              </th>
              <td>
                {formatIntervals(day.intervals, i18n)}
                {day.staffed !== null && day.intervals.length ? (
                  <span class="week-staffed">
                    {' · '}
                    {truthText(lang, 'staffedHours', { hours: formatIntervals(day.staffed, i18n) })}
                  </span>
                ) : null}
                {why(day) ? <span class="week-reason">{why(day)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** "法定节假日：休息" under the weekly table, when the place says anything other than "as usual". */
export function HolidayRuleLine({ rule }: { rule: 'as_usual' | 'closed' | Array<[string, string]> | undefined }) {
  const i18n = useI18n()
  if (!rule || rule === 'as_usual') return null
  const hours = rule === 'closed' ? i18n.t('closedAllDay') : formatIntervals(rule, i18n)
  return <p class="holiday-rule-line">{truthText(i18n.lang, 'holidayRuleLine', { hours })}</p>
}
