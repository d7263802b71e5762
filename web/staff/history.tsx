import { useEffect, useState } from 'preact/hooks'
import { displayValue } from './edit-form.js'
import { useStaffText, type StaffKey } from './messages.js'
import { staffApi, type HistoryEntry } from './staff-api.js'

/** The audit trail of a place as a timeline: who, when, what changed (was → now). */
export function HistoryView({ id }: { id: string }) {
  const { st, lang } = useStaffText()
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    staffApi.history(id).then(setEntries, (e: Error) => setError(e.message))
  }, [id])
  if (error)
    return (
      <p class="staff-error" role="alert">
        {st('failed', { detail: error })}
      </p>
    )
  if (!entries) return <p>{st('loading')}</p>
  return (
    <section>
      <h2>
        {st('history')} · {id}
      </h2>
      <p>
        <a href={`#/edit/${encodeURIComponent(id)}`}>{st('edit')}</a>
      </p>
      {entries.length === 0 && <p>{st('historyEmpty')}</p>}
      <ol class="timeline">
        {entries.map((entry) => (
          <li key={entry.id}>
            <p>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString(lang, { timeZone: 'Asia/Shanghai' })}</time> ·{' '}
              <strong>{entry.username}</strong> · {st(`action_${entry.action}` as StaffKey)} · v{entry.version}
            </p>
            <dl>
              {Object.entries(entry.changes).map(([field, change]) => (
                <div key={field}>
                  <dt>{field}</dt>
                  <dd>
                    {st('before')}: {displayValue(change.before)} → {st('after')}: {displayValue(change.after)}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  )
}
