/**
 * What is true on the ground now, under a place's name: likely closed, staffed or self-service (and how to get
 * in), amenities out of order, and what the public confirmed. Rendered as text nodes only.
 */
import type { Label, PlaceSummary } from '../../api.js'
import { useI18n } from '../../i18n/index.js'
import { confirmationLines, outageLines, staffingLine, truthText } from '../../lib/live-truth.js'

interface Props {
  place: PlaceSummary
  amenityLabels: Label[]
  now: Date
  /** The list shows one line of each kind; the details show the hint and every line. */
  compact?: boolean
}

export function LiveStatus({ place, amenityLabels, now, compact = false }: Props) {
  const { lang } = useI18n()
  const staffing = staffingLine(place, lang)
  const outages = outageLines(place.amenity_status, amenityLabels, lang)
  const confirmations = confirmationLines(place.confirmations, now, lang)
  if (!staffing && !outages.length && !confirmations.length && !place.likely_closed) return null
  return (
    <span class={`live-status${compact ? ' compact' : ''}`}>
      {place.likely_closed && !compact ? <span class="live-line live-warning">{truthText(lang, 'likelyClosedHint')}</span> : null}
      {staffing ? (
        <span class={`live-line staffing staffing-${place.staffing_now}`} data-staffing={place.staffing_now ?? undefined}>
          {staffing}
        </span>
      ) : null}
      {outages.map((line) => (
        <span key={line} class="live-line outage">
          {line}
        </span>
      ))}
      {(compact ? confirmations.slice(0, 1) : confirmations).map((line) => (
        <span key={line} class="live-line confirmed">
          {line}
        </span>
      ))}
    </span>
  )
}
