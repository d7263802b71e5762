/**
 * Routes: `/staff…` lazy-loads the staff area as its own chunk (the public page never downloads it); everything
 * else is the public map. The language lives here so both areas share it.
 */
import type { ComponentType } from 'preact'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { I18nContext, makeI18n, rememberLang, storedLang, useI18n, type Lang } from './i18n/index.js'
import { PublicMap } from './public-map.js'

export interface AreaProps {
  onToggleLang: () => void
}

function StaffRoute(props: AreaProps) {
  const { t } = useI18n()
  const [Staff, setStaff] = useState<ComponentType<AreaProps> | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    import('./staff/index.js').then((module) => setStaff(() => module.default)).catch(() => setFailed(true))
  }, [])
  if (Staff) return <Staff {...props} />
  return (
    <main class="notice" role={failed ? 'alert' : 'status'}>
      <p>{failed ? t('apiDown') : t('staffLoading')}</p>
      <a href="/">{t('backToMap')}</a>
    </main>
  )
}

export function App() {
  const [lang, setLang] = useState<Lang>(storedLang)
  const i18n = useMemo(() => makeI18n(lang), [lang])
  useEffect(() => {
    document.documentElement.lang = lang
    document.title = i18n.t('title')
  }, [lang])
  const onToggleLang = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en'
    rememberLang(next)
    setLang(next)
  }
  const staff = location.pathname === '/staff' || location.pathname.startsWith('/staff/')
  return (
    <I18nContext.Provider value={i18n}>
      {staff ? <StaffRoute onToggleLang={onToggleLang} /> : <PublicMap onToggleLang={onToggleLang} />}
    </I18nContext.Provider>
  )
}
