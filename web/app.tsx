/**
 * The app shell: one preact-iso router. `/staff` (and anything under it) lazy-loads the staff area as its own chunk,
 * so the public page never downloads it; every other path is the public map. The language lives here so both areas
 * share it, and an error boundary turns a crash in either area into a readable page instead of a blank one.
 */
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router'
import type { ComponentChildren } from 'preact'
import lazy from 'preact-iso/lazy'
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { AppErrorBoundary } from './components/error-view.js'
import { I18nContext, makeI18n, rememberLang, storedLang, useI18n, type Lang, type MessageKey } from './i18n/index.js'
import { PublicMap } from './public-map.js'

export interface AreaProps {
  onToggleLang: () => void
}

/** A one-line notice in place of the staff area, with the way back to the map. */
function StaffNotice({ message, role }: { message: MessageKey; role: 'alert' | 'status' }) {
  const { t } = useI18n()
  return (
    <main class="notice" role={role}>
      <p>{t(message)}</p>
      <a href="/">{t('backToMap')}</a>
    </main>
  )
}

// Offline without the chunk cached: say so (and link back) instead of a blank page.
const Staff = lazy(() =>
  import('./staff/index.js').catch(() => ({ default: () => <StaffNotice message="apiDown" role="alert" /> })),
)

/**
 * Links are left to the browser (the scope matches no href): the map's own links call `go` (they keep "here", which
 * their shareable href leaves out), staff links are `#/…` hashes, and "back to the map" is a full page load.
 */
const NO_LINKS = /(?!)/

/**
 * Staff views live in the URL hash (`/staff#/edit/<id>`: links are plain `#/…` hrefs, and the server and the offline
 * shell only ever see `/staff`). For the router, the hash is the rest of the path: `/staff/edit/<id>`.
 */
function StaffHashPath({ children }: { children: ComponentChildren }) {
  const outer = useLocation()
  const [hash, setHash] = useState(location.hash)
  useEffect(() => {
    const onChange = () => setHash(location.hash)
    addEventListener('hashchange', onChange)
    return () => removeEventListener('hashchange', onChange)
  }, [])
  const inner = hash.replace(/^#\/?/, '').replace(/\/+$/, '')
  const value = useMemo(() => (outer.path === '/staff' && inner ? { ...outer, path: `/staff/${inner}` } : outer), [outer, inner])
  return <LocationProvider.ctx.Provider value={value}>{children}</LocationProvider.ctx.Provider>
}

export function App() {
  const [lang, setLang] = useState<Lang>(storedLang)
  const [loading, setLoading] = useState(false)
  const i18n = useMemo(() => makeI18n(lang), [lang])
  useEffect(() => {
    document.documentElement.lang = lang
    document.title = i18n.t('title')
  }, [lang, i18n])
  // One function for the page's lifetime: the router hands its routes' props on only when the URL changes.
  const current = useRef(lang)
  current.current = lang
  const onToggleLang = useCallback(() => {
    const next = current.current === 'en' ? 'zh-CN' : 'en'
    rememberLang(next)
    setLang(next)
  }, [])
  return (
    <I18nContext.Provider value={i18n}>
      <AppErrorBoundary>
        <LocationProvider scope={NO_LINKS}>
          <StaffHashPath>
            {loading ? <StaffNotice message="staffLoading" role="status" /> : null}
            <Router onLoadStart={() => setLoading(true)} onLoadEnd={() => setLoading(false)}>
              <Route path="/staff" component={Staff} onToggleLang={onToggleLang} />
              <Route path="/staff/*" component={Staff} onToggleLang={onToggleLang} />
              <Route default component={PublicMap} onToggleLang={onToggleLang} />
            </Router>
          </StaffHashPath>
        </LocationProvider>
      </AppErrorBoundary>
    </I18nContext.Provider>
  )
}
