import { useEffect, useState } from 'preact/hooks'
import type { Catalogue } from '../state/use-catalogue.js'
import { useStaffText, type StaffKey } from './messages.js'
import { readableValue } from './readable.js'
import { ConfirmOutage } from './live-truth/confirm-outage.js'
import { FlaggedPlaces } from './live-truth/flagged-places.js'
import { staffApi, type Report } from './staff-api.js'

/** Open problem reports on my places (all, for admins): resolve or dismiss with a note, or jump to the editor. */
export function InboxView({ catalogue }: { catalogue: Catalogue | null }) {
  const text = useStaffText()
  const { st, pick, lang } = text
  const [reports, setReports] = useState<Report[] | null>(null)
  const [showHandled, setShowHandled] = useState(false)
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [error, setError] = useState('')
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    staffApi.reports(showHandled ? 'all' : 'open').then(setReports, (e: Error) => setError(e.message))
  }, [showHandled, attempt])
  const decide = async (id: string, status: 'resolved' | 'dismissed') => {
    await staffApi.decideReport(id, status, notes[id] ?? '').catch((e: Error) => setError(e.message))
    setAttempt((n) => n + 1)
  }
  const amenityLabel = (code: string) => {
    const a = catalogue?.amenities.find((x) => x.code === code)
    return a ? pick(a.label_zh, a.label_en) : code
  }
  if (!reports)
    return error ? (
      <p class="staff-error" role="alert">
        {error}
      </p>
    ) : (
      <p>{st('loading')}</p>
    )
  return (
    <section>
      <h2>{st('navInbox')}</h2>
      <FlaggedPlaces />
      <label>
        <input type="checkbox" checked={showHandled} onChange={(e) => setShowHandled(e.currentTarget.checked)} />{' '}
        {st('showHandled')}
      </label>
      {error && (
        <p class="staff-error" role="alert">
          {error}
        </p>
      )}
      {reports.length === 0 && <p>{st('inboxEmpty')}</p>}
      <ul class="staff-list inbox">
        {reports.map((r) => (
          <li key={r.id} data-report-id={r.id}>
            <div class="staff-list-main">
              <strong>{pick(r.place_name_zh, r.place_name_en)}</strong>
              <span>
                {st(`reportKind_${r.kind}` as StaffKey)}
                {r.amenity ? `: ${amenityLabel(r.amenity)}` : ''}
              </span>
              {/* Reporter text is rendered as a text node, never as HTML. */}
              {r.message && <blockquote class="report-message">{r.message}</blockquote>}
              <span class="staff-muted">{new Date(r.created_at).toLocaleString(lang, { timeZone: 'Asia/Shanghai' })}</span>
              {r.status !== 'open' && (
                <span class="staff-muted">
                  {readableValue('status', r.status, { i18n: text, catalogue })} · {r.handled_by}
                  {r.handling_note ? ` · ${r.handling_note}` : ''}
                </span>
              )}
            </div>
            {r.status === 'open' && (
              <div class="staff-actions">
                <a class="button" href={`#/edit/${encodeURIComponent(r.place_id)}`}>
                  {st('goEdit')}
                </a>
                <label>
                  {st('note')}
                  <input
                    maxLength={500}
                    value={notes[r.id] ?? ''}
                    onInput={(e) => setNotes({ ...notes, [r.id]: e.currentTarget.value })}
                  />
                </label>
                <button type="button" class="button button-primary" onClick={() => decide(r.id, 'resolved')}>
                  {st('resolve')}
                </button>
                <button type="button" class="button" onClick={() => decide(r.id, 'dismissed')}>
                  {st('dismiss')}
                </button>
                {r.kind === 'amenity_broken' && (
                  <ConfirmOutage
                    reportId={r.id}
                    note={notes[r.id] ?? ''}
                    onDone={(failure) => {
                      if (failure) setError(failure)
                      setAttempt((n) => n + 1)
                    }}
                  />
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
