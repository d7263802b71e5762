import type { PlaceSummary } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { localTime, statusLine } from '../lib/format.js'
import { truthText } from '../lib/live-truth.js'
import { arrival, closesSoon, statusAt } from '../lib/status-clock.js'
import { useTravelMode } from '../state/use-travel-mode.js'

/**
 * "Open until 20:00" in green / "Closed, opens 08:00" in red, with a shape cue as well as the colour; computed
 * at `now`, so it moves on as the clock passes. "Closes in 4 min" in amber within half an hour of closing.
 */
export function StatusBadge({ place, now }: { place: PlaceSummary; now: Date }) {
  const i18n = useI18n()
  // The public's recent "closed" outweighs "open": say so rather than a plain "closed".
  if (place.likely_closed && place.status === 'open')
    return <span class="status status-closed status-likely-closed">{truthText(i18n.lang, 'likelyClosed')}</span>
  const current = statusAt(place, now)
  const soon = closesSoon(current, now)
  if (soon !== null)
    return <span class="status status-soon">{i18n.t('closesSoon', { time: localTime(current.closes_at!), n: soon })}</span>
  const { text, tone } = statusLine(current, i18n, now)
  return <span class={`status status-${tone}`}>{text}</span>
}

/** "Arrive ≈ 10:12" at the chosen travel speed, or a warning when it will be closed by then. */
export function ArrivalLine({ place, now }: { place: PlaceSummary; now: Date }) {
  const { t } = useI18n()
  const [mode] = useTravelMode()
  const a = arrival(place, now, mode)
  if (!a || place.status !== 'open') return null
  const time = localTime(a.at.toISOString())
  return a.closedOnArrival ? (
    <span class="arrival arrival-closed">{t('closedOnArrival', { time })}</span>
  ) : (
    <span class="arrival">{t('arriveAt', { time })}</span>
  )
}
