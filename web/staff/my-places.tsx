import { useEffect, useState } from 'preact/hooks'
import { useStaffText } from './messages.js'
import { staffApi, type Account, type StaffPlace } from './staff-api.js'

/** The places this account looks after; unverified-for-long ones flagged and listed first. */
export function MyPlacesView({ account }: { account: Account }) {
  const { st, pick, lang } = useStaffText()
  const [data, setData] = useState<{ places: StaffPlace[]; stale_after_days: number } | null>(null)
  const [error, setError] = useState('')
  const [filter, setFilter] = useState('')
  const [attempt, setAttempt] = useState(0)
  const [organisations, setOrganisations] = useState<Array<{ id: string; name_zh: string; name_en: string | null }>>([])
  useEffect(() => {
    staffApi.myPlaces().then(setData, (e: Error) => setError(e.message))
  }, [attempt])
  useEffect(() => {
    staffApi.organisations().then(setOrganisations, () => undefined)
  }, [])
  const orgName = (id: string | null) => {
    const org = organisations.find((o) => o.id === id)
    return org ? pick(org.name_zh, org.name_en) : (id ?? '—')
  }
  if (error)
    return (
      <p class="staff-error" role="alert">
        {st('failed', { detail: error })}
      </p>
    )
  if (!data) return <p>{st('loading')}</p>
  const needle = filter.trim().toLowerCase()
  const places = data.places
    .filter(
      (p) =>
        !needle ||
        `${p.id} ${p.name_zh} ${p.name_en ?? ''} ${p.organisation_id ?? ''} ${orgName(p.organisation_id)}`
          .toLowerCase()
          .includes(needle),
    )
    .sort(
      (a, b) =>
        Number(b.open_reports > 0) - Number(a.open_reports > 0) || Number(b.stale) - Number(a.stale) || a.id.localeCompare(b.id),
    )
  const verify = async (id: string) => {
    await staffApi.verify(id).catch((e: Error) => setError(e.message))
    setAttempt((n) => n + 1)
  }
  const restore = async (id: string) => {
    await staffApi.restorePlace(id).catch((e: Error) => setError(e.message))
    setAttempt((n) => n + 1)
  }
  return (
    <section>
      <h2>
        {st('navPlaces')} ({places.length})
      </h2>
      <label class="staff-filter">
        {st('filterPlaces')}
        <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      </label>
      <ul class="staff-list">
        {places.map((p) => (
          <li key={p.id} class={p.deleted_at ? 'is-deleted' : p.stale ? 'is-stale' : ''} data-place-id={p.id}>
            <div class="staff-list-main">
              <strong>{pick(p.name_zh, p.name_en)}</strong>
              <span class="staff-muted">
                {p.id} · {orgName(p.organisation_id)}
              </span>
              {p.deleted_at && <span class="staff-badge">{st('deleted')}</span>}
              {!p.deleted_at && p.stale && (
                <span class="staff-badge warn">
                  {p.last_verified_at ? st('staleWarning', { days: data.stale_after_days }) : st('neverVerified')}
                </span>
              )}
              {p.last_verified_at && (
                <span class="staff-muted">
                  {st('verifiedOn', { date: new Date(p.last_verified_at).toLocaleDateString(lang) })}
                </span>
              )}
              {p.open_reports > 0 && (
                <a class="staff-badge alert" href="#/inbox">
                  {st('openReports', { n: p.open_reports })}
                </a>
              )}
            </div>
            <div class="staff-actions">
              {p.deleted_at ? (
                account.role === 'admin' && (
                  <button type="button" class="button" onClick={() => restore(p.id)}>
                    {st('restorePlace')}
                  </button>
                )
              ) : (
                <>
                  <a class="button button-primary" href={`#/edit/${encodeURIComponent(p.id)}`}>
                    {st('edit')}
                  </a>
                  <button type="button" class="button" onClick={() => verify(p.id)}>
                    {st('verify')}
                  </button>
                </>
              )}
              <a class="button" href={`#/history/${encodeURIComponent(p.id)}`}>
                {st('history')}
              </a>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
