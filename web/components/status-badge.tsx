import type { PlaceSummary } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { statusLine } from '../lib/format.js'

/** "Open until 20:00" in green / "Closed, opens 08:00" in red, with a shape cue as well as the colour. */
export function StatusBadge({ place, now }: { place: PlaceSummary; now: Date }) {
  const i18n = useI18n()
  const { text, tone } = statusLine(place, i18n, now)
  return <span class={`status status-${tone}`}>{text}</span>
}
