import { useState } from 'preact/hooks'
import { useStaffText } from './messages.js'
import { staffApi, ApiFailure, type Account } from './staff-api.js'

export function SignIn({ onSignedIn }: { onSignedIn: (account: Account) => void }) {
  const { st } = useStaffText()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError('')
    try {
      onSignedIn(await staffApi.signIn(username, password))
    } catch (e) {
      const problem = e instanceof ApiFailure ? e.problem : { status: 0, detail: String(e) }
      setError(
        problem.status === 401
          ? st('signInFailed')
          : problem.status === 429
            ? st('tooManyAttempts', { seconds: problem.retry_after ?? 900 })
            : st('failed', { detail: problem.detail }),
      )
    } finally {
      setBusy(false)
    }
  }
  return (
    <main class="staff-main">
      <form class="staff-card sign-in" onSubmit={submit}>
        <h2>{st('signIn')}</h2>
        <label>
          {st('username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {st('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="staff-error" role="alert">
            {error}
          </p>
        )}
        <button class="button button-primary" type="submit" disabled={busy}>
          {st('signIn')}
        </button>
      </form>
    </main>
  )
}
