/** "Directions": walk or ride, then one tap into Amap (GCJ-02), Baidu (BD-09), Apple Maps or any map app (WGS-84). */
import { useState } from 'preact/hooks'
import { useI18n } from '../i18n/index.js'
import {
  amapLink,
  appleLink,
  baiduLink,
  copyText,
  geoLink,
  inWeChat,
  type Destination,
  type LngLat,
} from '../lib/navigation-links.js'
import { useTravelMode } from '../state/use-travel-mode.js'

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Older in-app browsers: the selection-and-copy way.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.append(area)
    area.select()
    const done = document.execCommand('copy')
    area.remove()
    return done
  }
}

export function Navigation({ to, from, address }: { to: Destination; from: LngLat | null; address: string }) {
  const { t } = useI18n()
  const wechat = inWeChat(navigator.userAgent)
  const [copied, setCopied] = useState<boolean | null>(null)
  // Shared with the list's arrival times and remembered: e-bike unless the person chose walking.
  const [mode, setMode] = useTravelMode()
  // In WeChat the app jumps are blocked: the Amap and Baidu web pages (which route on the page), no geo: intent.
  const links = [
    { id: 'amap', label: t('amap'), href: amapLink(to, mode, !wechat) },
    { id: 'baidu', label: t('baidu'), href: baiduLink(to, mode, from ?? undefined) },
    { id: 'apple', label: t('apple'), href: appleLink(to, mode) },
    ...(wechat ? [] : [{ id: 'geo', label: t('otherApp'), href: geoLink(to) }]),
  ]
  return (
    <section class="navigation" aria-labelledby="directions-heading">
      <h3 id="directions-heading">{t('directions')}</h3>
      <fieldset class="mode">
        <legend class="visually-hidden">{t('travelMode')}</legend>
        {(['walk', 'ride'] as const).map((m) => (
          <label key={m} class="mode-option">
            <input type="radio" name="travel-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(m === 'walk' ? 'walking' : 'riding')}
          </label>
        ))}
      </fieldset>
      <ul class="nav-links">
        {links.map((link) => (
          <li key={link.id}>
            <a
              class={`button nav-link nav-${link.id}`}
              href={link.href}
              target={link.id === 'geo' ? undefined : '_blank'}
              rel="noopener noreferrer"
              data-app={link.id}
            >
              {link.label}
            </a>
          </li>
        ))}
      </ul>
      {wechat ? <p class="wechat-hint">{t('wechatHint')}</p> : null}
      <button type="button" class="button copy-place" onClick={() => void copy(copyText(to, address)).then(setCopied)}>
        {t('copyAddress')}
      </button>
      {copied === null ? null : (
        <p class="copy-result" role="status">
          {t(copied ? 'copied' : 'copyFailed')}
        </p>
      )}
    </section>
  )
}
