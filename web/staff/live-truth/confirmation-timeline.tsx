/** Every public confirmation of a place, newest first, with the weight each has now (0 once answered or old). */
import { useEffect, useState } from 'preact/hooks'
import type { Label } from '../../api.js'
import { truthApi, type TimelineEntry } from './truth-api.js'
import { useTruthText, type TruthStaffKey } from './text.js'

interface Props {
  id: string
  amenityLabels: Label[]
  /** Staff agree a facility is broken: the editor ticks "out of order" for it, saved with the rest. */
  onMarkBroken?: (amenity: string) => void
  /** Facilities already marked out of order in the form. */
  marked?: string[]
}

export function ConfirmationTimeline({ id, amenityLabels, onMarkBroken, marked = [] }: Props) {
  const { tt, pick, lang } = useTruthText()
  const [data, setData] = useState<{ entries: TimelineEntry[]; likely_closed: boolean } | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    truthApi.timeline(id).then(setData, (e: Error) => setError(e.message))
  }, [id])
  if (error) return <p class="staff-error">{error}</p>
  if (!data) return null
  const amenity = (code: string | null) => {
    const label = code ? amenityLabels.find((a) => a.code === code) : undefined
    return label ? pick(label.label_zh, label.label_en) : (code ?? '')
  }
  return (
    <section class="confirmation-timeline" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{tt('timeline')}</h3>
      {data.likely_closed && (
        <p class="staff-error" role="status">
          {tt('likelyClosed')}
        </p>
      )}
      {data.entries.length === 0 && <p class="staff-muted">{tt('timelineEmpty')}</p>}
      <ol class="timeline">
        {data.entries.slice(0, 50).map((e) => (
          <li key={e.id} class={e.weight > 0 ? 'counting' : 'faded'}>
            <time dateTime={e.created_at}>{new Date(e.created_at).toLocaleString(lang, { timeZone: 'Asia/Shanghai' })}</time> ·{' '}
            <strong>{tt(`kind_${e.kind}` as TruthStaffKey)}</strong>
            {e.amenity ? `: ${amenity(e.amenity)}` : ''} · <span class="staff-muted">{tt('weight', { w: e.weight })}</span>
            {e.kind === 'amenity_broken' && e.amenity && e.weight > 0 && onMarkBroken && !marked.includes(e.amenity) && (
              <button type="button" class="link-button" onClick={() => onMarkBroken(e.amenity!)}>
                {tt('markBroken')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}
