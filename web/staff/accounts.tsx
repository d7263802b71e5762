import { useEffect, useState } from 'preact/hooks'
import { useStaffText } from './messages.js'
import { staffApi, type Account } from './staff-api.js'

type Organisation = { id: string; name_zh: string; name_en: string | null }

/** Administrators: list, create, enable/disable accounts and set their organisations. */
export function AccountsView({ self }: { self: Account }) {
  const { st, pick } = useStaffText()
  const [accounts, setAccounts] = useState<Account[] | null>(null)
  const [organisations, setOrganisations] = useState<Organisation[]>([])
  const [draft, setDraft] = useState({ username: '', role: 'editor', password: '', organisations: [] as string[] })
  const [error, setError] = useState('')
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    staffApi.accounts().then(setAccounts, (e: Error) => setError(e.message))
    staffApi.organisations().then(setOrganisations, () => undefined)
  }, [attempt])
  const run = async (action: Promise<unknown>) => {
    setError('')
    await action.then(
      () => setAttempt((n) => n + 1),
      (e: Error) => setError(e.message),
    )
  }
  const create = (event: Event) => {
    event.preventDefault()
    void run(
      staffApi.createAccount(draft).then(() => setDraft({ username: '', role: 'editor', password: '', organisations: [] })),
    )
  }
  const orgPicker = (selected: string[], onChange: (next: string[]) => void) => (
    <select multiple size={4} onChange={(e) => onChange([...e.currentTarget.selectedOptions].map((o) => o.value))}>
      {organisations.map((o) => (
        <option key={o.id} value={o.id} selected={selected.includes(o.id)}>
          {pick(o.name_zh, o.name_en)}
        </option>
      ))}
    </select>
  )
  return (
    <section>
      <h2>{st('accounts')}</h2>
      {error && (
        <p class="staff-error" role="alert">
          {error}
        </p>
      )}
      <ul class="staff-list">
        {(accounts ?? []).map((a) => (
          <li key={a.id}>
            <div class="staff-list-main">
              <strong>{a.username}</strong>
              <span>
                {st(a.role === 'admin' ? 'roleAdmin' : 'roleEditor')}
                {a.disabled_at ? ` · ${st('disabled')}` : ''}
              </span>
              <label>
                {st('organisations')}
                {orgPicker(a.organisations, (next) => void run(staffApi.updateAccount(a.id, { organisations: next })))}
              </label>
            </div>
            {a.id !== self.id && (
              <div class="staff-actions">
                <button
                  type="button"
                  class="button"
                  onClick={() => run(staffApi.updateAccount(a.id, { disabled: !a.disabled_at }))}
                >
                  {a.disabled_at ? st('enable') : st('disable')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <form class="staff-card" onSubmit={create}>
        <h3>{st('newAccount')}</h3>
        <label>
          {st('username')}
          <input required value={draft.username} onInput={(e) => setDraft({ ...draft, username: e.currentTarget.value })} />
        </label>
        <label>
          {st('password')}
          <input
            required
            type="password"
            minLength={10}
            autoComplete="new-password"
            value={draft.password}
            onInput={(e) => setDraft({ ...draft, password: e.currentTarget.value })}
          />
        </label>
        <label>
          {st('role')}
          <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value })}>
            <option value="editor">{st('roleEditor')}</option>
            <option value="admin">{st('roleAdmin')}</option>
          </select>
        </label>
        <label>
          {st('organisations')}
          {orgPicker(draft.organisations, (next) => setDraft({ ...draft, organisations: next }))}
        </label>
        <button class="button button-primary" type="submit">
          {st('create')}
        </button>
      </form>
    </section>
  )
}
