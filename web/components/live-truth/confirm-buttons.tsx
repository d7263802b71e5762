/**
 * One tap from the public, no account: "open now", "closed", or "this facility is not working" (which one). The
 * answer comes back with the place's new summary, shown at once.
 */
import { useState } from 'preact/hooks'
import type { ConfirmationCreated } from '../../../api/schemas/confirmations.js'
import { call, type ApiFailure, type Answer, type Label } from '../../api.js'
import { useI18n } from '../../i18n/index.js'
import { truthText } from '../../lib/live-truth.js'

export type ConfirmationResult = Answer<typeof ConfirmationCreated>

async function sendConfirmation(placeId: string, body: { kind: string; amenity?: string }): Promise<ConfirmationResult> {
  return (await call<ConfirmationResult>('POST', `/api/v1/places/${encodeURIComponent(placeId)}/confirmations`, body)).data
}

interface Props {
  placeId: string
  amenities: string[]
  amenityLabels: Label[]
  onConfirmed: (result: ConfirmationResult) => void
}

export function ConfirmButtons({ placeId, amenities, amenityLabels, onConfirmed }: Props) {
  const { lang, pick } = useI18n()
  const t = (key: Parameters<typeof truthText>[1], vars?: Record<string, string | number>) => truthText(lang, key, vars)
  const [state, setState] = useState<'idle' | 'choosing' | 'sending' | 'done'>('idle')
  const [amenity, setAmenity] = useState(amenities[0] ?? '')
  const [error, setError] = useState<string | null>(null)
  const send = async (body: { kind: string; amenity?: string }) => {
    setState('sending')
    setError(null)
    try {
      onConfirmed(await sendConfirmation(placeId, body))
      setState('done')
    } catch (e) {
      const failure = e as ApiFailure
      setError(failure.status === 429 ? t('tooMany') : t('failed', { detail: failure.message }))
      setState('idle')
    }
  }
  if (state === 'done')
    return (
      <p class="confirm-thanks" role="status">
        {t('thanks')}
      </p>
    )
  return (
    <section class="confirm" aria-labelledby="confirm-heading">
      <h3 id="confirm-heading">{t('confirmTitle')}</h3>
      {state === 'choosing' ? (
        <form
          class="confirm-amenity"
          onSubmit={(e) => {
            e.preventDefault()
            void send({ kind: 'amenity_broken', amenity })
          }}
        >
          <label>
            {t('whichAmenity')}
            <select value={amenity} onChange={(e) => setAmenity((e.target as HTMLSelectElement).value)}>
              {amenities.map((code) => {
                const label = amenityLabels.find((l) => l.code === code)
                return (
                  <option key={code} value={code}>
                    {label ? pick(label.label_zh, label.label_en) : code}
                  </option>
                )
              })}
            </select>
          </label>
          <button type="submit" class="button">
            {t('send')}
          </button>
          <button type="button" class="button secondary" onClick={() => setState('idle')}>
            {t('cancel')}
          </button>
        </form>
      ) : (
        <div class="confirm-buttons">
          <button
            type="button"
            class="button confirm-open"
            disabled={state === 'sending'}
            onClick={() => void send({ kind: 'open' })}
          >
            {t('confirmOpen')}
          </button>
          <button
            type="button"
            class="button confirm-closed"
            disabled={state === 'sending'}
            onClick={() => void send({ kind: 'closed' })}
          >
            {t('confirmClosed')}
          </button>
          {amenities.length ? (
            <button type="button" class="button secondary" disabled={state === 'sending'} onClick={() => setState('choosing')}>
              {t('confirmBroken')}
            </button>
          ) : null}
        </div>
      )}
      {error ? (
        <p class="confirm-error" role="alert">
          {error}
        </p>
      ) : null}
      <p class="confirm-privacy">{t('confirmPrivacy')}</p>
    </section>
  )
}
