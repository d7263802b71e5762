/** Top of the report inbox: places whose public confirmations say "closed", conflict, or report a broken facility. */
import { useEffect, useState } from 'preact/hooks'
import { truthApi, type FlaggedPlace } from './truth-api.js'
import { useTruthText, type TruthStaffKey } from './text.js'

export function FlaggedPlaces() {
  const { tt, pick, lang } = useTruthText()
  const [places, setPlaces] = useState<FlaggedPlace[] | null>(null)
  useEffect(() => {
    truthApi.flagged().then(setPlaces, () => setPlaces([]))
  }, [])
  if (!places?.length) return null
  return (
    <section class="flagged-places" aria-labelledby="flagged-heading">
      <h3 id="flagged-heading">{tt('flagged')}</h3>
      <ul class="staff-list">
        {places.map((p) => (
          <li key={p.place_id} data-flag={p.flag} data-place-id={p.place_id}>
            <div class="staff-list-main">
              <strong>{pick(p.place_name_zh, p.place_name_en)}</strong>
              <span class={p.flag === 'amenity_broken' ? '' : 'staff-error'}>{tt(`flag_${p.flag}` as TruthStaffKey)}</span>
              <span class="staff-muted">
                {tt('flagCounts', {
                  open: p.open,
                  closed: p.closed,
                  broken: p.amenity_broken,
                  at: new Date(p.last_at).toLocaleString(lang, { timeZone: 'Asia/Shanghai' }),
                })}
              </span>
            </div>
            <a class="button" href={`#/edit/${encodeURIComponent(p.place_id)}`}>
              {tt('timeline')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
