/**
 * The staff area (its own chunk, loaded from /staff): sign in, my places, edit, report inbox, history and, for
 * administrators, accounts and new places. Views live in the URL hash (`#/edit/<id>`), so reload and back work.
 */
import { Route, Router } from 'preact-iso/router'
import { useEffect, useState } from 'preact/hooks'
import type { AreaProps } from '../app.js'
import { useCatalogue, type Catalogue } from '../state/use-catalogue.js'
import { AccountsView } from './accounts.js'
import { CreatePlaceView } from './create-place.js'
import { HistoryView } from './history.js'
import { ImportView } from './import-view.js'
import { InboxView } from './inbox.js'
import { HolidaysView } from './live-truth/holidays-view.js'
import { useTruthText } from './live-truth/text.js'
import { useStaffText } from './messages.js'
import { MyPlacesView } from './my-places.js'
import { PlaceEditor } from './place-editor.js'
import { SignIn } from './sign-in.js'
import { staffApi, type Account } from './staff-api.js'
import './staff.css'

// A view the router picked, with the id from `#/edit/<id>` or `#/history/<id>`.
const EditRoute = ({ id, account, catalogue }: { id: string; account: Account; catalogue: Catalogue | null }) => (
  <PlaceEditor key={id} id={id} account={account} catalogue={catalogue} />
)

/** `rest` is the hash as a path (`/edit/<id>`; see StaffHashPath in ../app.tsx), empty on `/staff` itself. */
export default function StaffApp({ onToggleLang, rest = '' }: AreaProps & { rest?: string }) {
  const { st } = useStaffText()
  const { tt } = useTruthText()
  const [account, setAccount] = useState<Account | null | undefined>(undefined)
  const catalogue = useCatalogue(0)
  useEffect(() => {
    staffApi.session().then(setAccount, () => setAccount(null))
  }, [])

  const header = (
    <header class="topbar">
      <h1>{st('staffTitle')}</h1>
      <div class="staff-top-actions">
        <a class="button lang-toggle" href="/">
          {st('backToMap')}
        </a>
        <button type="button" class="button lang-toggle" onClick={onToggleLang}>
          {st('switchLanguage')}
        </button>
      </div>
    </header>
  )
  if (account === undefined)
    return (
      <div class="staff">
        {header}
        <p class="staff-main">{st('loading')}</p>
      </div>
    )
  if (account === null)
    return (
      <div class="staff">
        {header}
        <SignIn onSignedIn={setAccount} />
      </div>
    )

  const view = rest.split('/')[1] || 'places'
  const signOut = async () => {
    await staffApi.signOut().catch(() => undefined)
    setAccount(null)
  }
  return (
    <div class="staff">
      {header}
      <nav class="staff-nav" aria-label={st('staffTitle')}>
        <a href="#/places" aria-current={view === 'places' ? 'page' : undefined}>
          {st('navPlaces')}
        </a>
        <a href="#/inbox" aria-current={view === 'inbox' ? 'page' : undefined}>
          {st('navInbox')}
        </a>
        {account.role === 'admin' && (
          <a href="#/new" aria-current={view === 'new' ? 'page' : undefined}>
            {st('navNewPlace')}
          </a>
        )}
        {account.role === 'admin' && (
          <a href="#/accounts" aria-current={view === 'accounts' ? 'page' : undefined}>
            {st('navAccounts')}
          </a>
        )}
        {account.role === 'admin' && (
          <a href="#/import" aria-current={view === 'import' ? 'page' : undefined}>
            {st('navImport')}
          </a>
        )}
        <a href="#/holidays" aria-current={view === 'holidays' ? 'page' : undefined}>
          {tt('navHolidays')}
        </a>
        <span class="staff-who">
          {st('signedInAs', { name: account.username, role: st(account.role === 'admin' ? 'roleAdmin' : 'roleEditor') })}
        </span>
        <button type="button" class="link-button" onClick={signOut}>
          {st('signOut')}
        </button>
      </nav>
      <main class="staff-main">
        <Router>
          <Route path="/edit/:id" component={EditRoute} account={account} catalogue={catalogue} />
          <Route path="/history/:id" component={HistoryView} catalogue={catalogue} />
          <Route path="/holidays" component={HolidaysView} account={account} />
          <Route path="/inbox" component={InboxView} catalogue={catalogue} />
          {account.role === 'admin'
            ? [
                <Route key="accounts" path="/accounts" component={AccountsView} self={account} />,
                <Route key="new" path="/new" component={CreatePlaceView} catalogue={catalogue} />,
                <Route key="import" path="/import" component={ImportView} categories={catalogue?.categories ?? []} />,
              ]
            : []}
          <Route default component={MyPlacesView} account={account} />
        </Router>
      </main>
    </div>
  )
}
