/** The legend (category colours and icons) and the base-map choice, folded into one control over the map. */
import type { Label } from '../api.js'
import { CategoryIcon } from '../components/icons.js'
import { useI18n } from '../i18n/index.js'
import { CATEGORY_COLOURS } from './colours.js'
import { TILE_PROVIDERS, type TileProvider } from './tiles.js'

interface Props {
  categories: Label[]
  tiles: TileProvider
  onTiles: (provider: TileProvider) => void
}

export function MapOptions({ categories, tiles, onTiles }: Props) {
  const { t, pick, lang } = useI18n()
  return (
    <details class="map-options">
      <summary>{t('legend')}</summary>
      <ul class="legend">
        {categories.map((c) => (
          <li key={c.code}>
            <span class="place-icon" style={{ background: CATEGORY_COLOURS[c.code] }}>
              <CategoryIcon code={c.code} size={14} />
            </span>
            {pick(c.label_zh, c.label_en)}
          </li>
        ))}
      </ul>
      <label class="tiles-choice">
        {t('tiles')}
        <select value={tiles.id} onChange={(e) => onTiles(TILE_PROVIDERS.find((p) => p.id === e.currentTarget.value) ?? tiles)}>
          {TILE_PROVIDERS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === 'none' ? t('tilesNone') : lang === 'en' ? p.label_en : p.label_zh}
            </option>
          ))}
        </select>
      </label>
    </details>
  )
}
