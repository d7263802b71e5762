import { useEffect, useState } from 'preact/hooks'
import type { Catalogue } from '../state/use-catalogue.js'
import { useStaffText, type StaffKey } from './messages.js'
import { fieldLabel, readableValue } from './readable.js'
import { staffApi, type HistoryEntry } from './staff-api.js'

type Organisation = { id: string; name_zh: string; name_en: string | null }

/** The audit trail of a place as a timeline: who, when, what changed (was → now), all in words. */
export function HistoryView({ id, catalogue }: { id: string; catalogue: Catalogue | null }) {
  const text = useStaffText()
  const { st, lang } = text
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null)
  const [organisations, setOrganisations] = useState<Organisation[]>([])
  const [error, setError] = useState('')
  useEffect(() => {
    staffApi.history(id).then(setEntries, (e: Error) => setError(e.message))
    staffApi.organisations().then(setOrganisations, () => undefined)
  }, [id])
  if (error)
    return (
      <p class="staff-error" role="alert">
        {st('failed', { detail: error })}
      </p>
    )
  if (!entries) return <p>{st('loading')}</p>
  const value = (field: string, v: unknown) => readableValue(field, v, { i18n: text, catalogue, organisations })
  const colon = lang === 'en' ? ': ' : '：'
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
        {entries.map((entry) => {
          const changes = Object.entries(entry.changes)
          return (
            <li key={entry.id} data-action={entry.action}>
              <p>
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleString(lang, { timeZone: 'Asia/Shanghai' })}</time> ·{' '}
                <strong>{entry.username}</strong> · {st(`action_${entry.action}` as StaffKey)}
                {entry.version !== null && ` · v${entry.version}`}
              </p>
              {changes.length === 0 && entry.action !== 'verify' && <p class="staff-muted">{st('noChanges')}</p>}
              <dl>
                {changes.map(([field, change]) => (
                  <div key={field} data-field={field}>
                    <dt>{fieldLabel(field, lang)}</dt>
                    <dd>
                      {change.before !== null && change.before !== undefined && (
                        <>
                          <span class="was">
                            {st('before')}
                            {colon}
                            {value(field, change.before)}
                          </span>{' '}
                          →{' '}
                        </>
                      )}
                      <span class="now">
                        {st('after')}
                        {colon}
                        {value(field, change.after)}
                      </span>
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
