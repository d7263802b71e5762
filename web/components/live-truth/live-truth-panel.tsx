/**
 * The live-truth block of a place's details: status now (likely closed, staffed or self-service, broken
 * facilities, confirmations) and the one-tap confirmation buttons, which update it in place.
 */
import { useState } from 'preact/hooks'
import type { Label, PlaceSummary } from '../../api.js'
import { useI18n } from '../../i18n/index.js'
import { accessWords, truthText } from '../../lib/live-truth.js'
import { ConfirmButtons, type ConfirmationResult } from './confirm-buttons.js'
import { LiveStatus } from './live-status.js'

interface Props {
  placeId: string
  place: PlaceSummary
  amenityLabels: Label[]
  now: Date
}

export function LiveTruthPanel({ placeId, place, amenityLabels, now }: Props) {
  const { lang, pick } = useI18n()
  const [latest, setLatest] = useState<ConfirmationResult | null>(null)
  const current = latest ? { ...place, ...latest } : place
  const access = accessWords(place.access, lang)
  const note = place.access ? pick(place.access.note_zh, place.access.note_en) : ''
  return (
    <div class="live-truth">
      <LiveStatus place={current} amenityLabels={amenityLabels} now={now} />
      {access ? (
        <p class="access">
          <strong>{truthText(lang, 'accessHeading')}</strong>: {access}
          {note ? ` — ${note}` : ''}
        </p>
      ) : null}
      <ConfirmButtons placeId={placeId} amenities={place.amenities} amenityLabels={amenityLabels} onConfirmed={setLatest} />
    </div>
  )
}
