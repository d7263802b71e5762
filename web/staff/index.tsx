/**
 * Staff area entry, loaded as its own chunk from /staff. The staff task (issue 4) replaces this file; until then it
 * says so plainly and leads back to the public map.
 */
import { useI18n } from '../i18n/index.js'

export default function StaffApp() {
  const { t } = useI18n()
  return (
    <main class="notice">
      <h1>{t('staffSetup')}</h1>
      <a class="button" href="/">
        {t('backToMap')}
      </a>
    </main>
  )
}
