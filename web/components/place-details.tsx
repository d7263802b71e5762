/**
 * One place: status, address, phone (tel: link), the week's hours with dated exceptions, amenities with icons and
 * words, operator, last verified, and directions. All data is rendered as text nodes by Preact.
 */
import { useEffect, useRef } from 'preact/hooks'
import type { Feature, Label, PlaceDetail } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { formatDate, formatDistance } from '../lib/format.js'
import { upcomingExceptions, weeklyRows } from '../lib/hours.js'
import type { LngLat } from '../lib/navigation-links.js'
import { CATEGORY_COLOURS } from '../map/colours.js'
import { LiveTruthPanel } from './live-truth/live-truth-panel.js'
import { HolidayRuleLine, WeekHours, weekIsWorthShowing } from './live-truth/week-hours.js'
import { AmenityIcon, CategoryIcon } from './icons.js'
import { Navigation } from './navigation.js'
import { ReportProblem } from './report-problem.js'
import { StatusBadge } from './status-badge.js'

interface Props {
  feature: Feature<PlaceDetail>
  distance: number | undefined
  amenityLabels: Label[]
  categoryLabels: Label[]
  here: LngLat | null
  now: Date
  onBack: () => void
}

export function PlaceDetails({ feature, distance, amenityLabels, categoryLabels, here, now, onBack }: Props) {
  const i18n = useI18n()
  const { t, pick } = i18n
  const p = feature.properties
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [feature.id])
  const name = pick(p.name_zh, p.name_en)
  const category = categoryLabels.find((c) => c.code === p.category)
  const address = pick(p.address_zh, p.address_en)
  const [lng, lat] = feature.geometry.coordinates
  // The station's name in the tab and in what a share sheet picks up; the app's title again on the way out.
  useEffect(() => {
    const before = document.title
    document.title = `${name} · ${t('title')}`
    return () => void (document.title = before)
  }, [name, t])
  const exceptions = p.opening_hours ? upcomingExceptions(p.opening_hours, i18n, now) : []
  return (
    <article class="details" aria-labelledby="details-heading">
      <button type="button" class="button back" onClick={onBack}>
        ← {t('backToList')}
      </button>
      <p class="details-category">
        <span class="place-icon" style={{ background: CATEGORY_COLOURS[p.category] }}>
          <CategoryIcon code={p.category} size={18} />
        </span>
        {category ? pick(category.label_zh, category.label_en) : p.category}
        {distance !== undefined ? ` · ${t('away', { distance: formatDistance(distance, i18n) })}` : ''}
      </p>
      <h2 id="details-heading" tabIndex={-1} ref={heading}>
        {name}
      </h2>
      <StatusBadge place={p} now={now} />
      {p.status_reason ? <p class="status-reason">{p.status_reason}</p> : null}
      <LiveTruthPanel key={feature.id} placeId={feature.id} place={p} amenityLabels={amenityLabels} now={now} />
      <Navigation to={{ lng, lat, name }} from={here} address={address} />
      <dl class="facts">
        {address ? (
          <>
            <dt>{t('address')}</dt>
            <dd>{address}</dd>
          </>
        ) : null}
        {p.phone ? (
          <>
            <dt>{t('phone')}</dt>
            <dd>
              <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`} aria-label={t('callPhone', { phone: p.phone })}>
                {p.phone}
              </a>
            </dd>
          </>
        ) : null}
        {p.organisation ? (
          <>
            <dt>{t('operator')}</dt>
            <dd>{pick(p.organisation.name_zh, p.organisation.name_en)}</dd>
          </>
        ) : null}
      </dl>
      {pick(p.description_zh, p.description_en) ? <p class="description">{pick(p.description_zh, p.description_en)}</p> : null}
      {p.opening_hours ? (
        <section aria-labelledby="hours-heading">
          <h3 id="hours-heading">{t('hours')}</h3>
          <table class="hours">
            <tbody>
              {weeklyRows(p.opening_hours, i18n, now).map((row) => (
                <tr key={row.key} class={row.isToday ? 'today' : undefined} aria-current={row.isToday ? 'date' : undefined}>
                  <th scope="row">
                    {row.label}
                    {row.isToday ? ` (${t('today')})` : ''}
                  </th>
                  <td>{row.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <HolidayRuleLine rule={p.opening_hours.holidays} />
          {weekIsWorthShowing(p.week) ? <WeekHours week={p.week} /> : null}
          {exceptions.length ? (
            <>
              <h4>{t('specialDates')}</h4>
              <ul class="exceptions">
                {exceptions.map((row) => (
                  <li key={row.key}>
                    <strong>{row.label}</strong> {row.text}
                    {row.note ? ` — ${row.note}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="amenities-heading">
        <h3 id="amenities-heading">{t('amenities')}</h3>
        <ul class="amenities">
          {p.amenities.map((code) => {
            const label = amenityLabels.find((a) => a.code === code)
            return (
              <li key={code}>
                <AmenityIcon code={code} size={20} />
                {label ? pick(label.label_zh, label.label_en) : code}
              </li>
            )
          })}
        </ul>
      </section>
      <p class="verified">
        {p.last_verified_at ? t('lastVerified', { date: formatDate(p.last_verified_at, i18n) }) : t('notVerified')}
      </p>
      {p.source ? <p class="source">{p.source}</p> : null}
      <ReportProblem key={feature.id} placeId={feature.id} amenities={p.amenities} amenityLabels={amenityLabels} />
    </article>
  )
}
