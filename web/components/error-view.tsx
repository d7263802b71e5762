/**
 * The last line of defence: a render error anywhere in the app shows a short zh/en page (reload, or back to the map)
 * instead of a blank screen. The error goes to the console for whoever debugs it; nothing about it is sent anywhere.
 */
import { Component, type ComponentChildren } from 'preact'
import { useI18n } from '../i18n/index.js'

export function ErrorView() {
  const { t } = useI18n()
  return (
    <main class="notice notice-error" role="alert">
      <h1>{t('crashTitle')}</h1>
      <p>{t('crashBody')}</p>
      <button type="button" class="button" onClick={() => location.reload()}>
        {t('crashReload')}
      </button>{' '}
      <a class="button" href="/">
        {t('backToMap')}
      </a>
    </main>
  )
}

export class AppErrorBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false }

  override componentDidCatch(error: unknown) {
    console.error(error)
    this.setState({ failed: true })
  }

  render() {
    return this.state.failed ? <ErrorView /> : this.props.children
  }
}
