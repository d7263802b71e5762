/** "Directions": walk or ride, then one tap into Amap (GCJ-02), Baidu (BD-09), Apple Maps or any map app (WGS-84). */
import { useState } from 'preact/hooks'
import { useI18n } from '../i18n/index.js'
import {
  amapLink,
  appleLink,
  baiduLink,
  geoLink,
  type Destination,
  type LngLat,
  type TravelMode,
} from '../lib/navigation-links.js'

export function Navigation({ to, from }: { to: Destination; from: LngLat | null }) {
  const { t } = useI18n()
  const [mode, setMode] = useState<TravelMode>('walk')
  const links = [
    { id: 'amap', label: t('amap'), href: amapLink(to, mode) },
    { id: 'baidu', label: t('baidu'), href: baiduLink(to, mode, from ?? undefined) },
    { id: 'apple', label: t('apple'), href: appleLink(to, mode) },
    { id: 'geo', label: t('otherApp'), href: geoLink(to) },
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
    </section>
  )
}
