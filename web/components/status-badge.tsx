import type { PlaceSummary } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { statusLine } from '../lib/format.js'
import { truthText } from '../lib/live-truth.js'

/** "Open until 20:00" in green / "Closed, opens 08:00" in red, with a shape cue as well as the colour. */
export function StatusBadge({ place, now }: { place: PlaceSummary; now: Date }) {
  const i18n = useI18n()
  // The public's recent "closed" outweighs "open": say so rather than a plain "closed".
  if (place.likely_closed && place.status === 'open')
    return <span class="status status-closed status-likely-closed">{truthText(i18n.lang, 'likelyClosed')}</span>
  const { text, tone } = statusLine(place, i18n, now)
  return <span class={`status status-${tone}`}>{text}</span>
}
