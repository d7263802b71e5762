/** Filter chips: "open now", the four categories (with their map colours) and the amenities. Toggle buttons, so a
 * screen reader hears each one's state ("pressed"). */
import type { Label } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { CATEGORY_COLOURS } from '../map/markers.js'
import { AmenityIcon, CategoryIcon, Icon } from './icons.js'

interface Props {
  categories: Label[]
  amenities: Label[]
  selectedCategories: string[]
  selectedAmenities: string[]
  openNow: boolean
  onChange: (patch: { categories?: string[]; amenities?: string[]; openNow?: boolean }) => void
}

const toggle = (list: string[], code: string) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code])

export function Filters(props: Props) {
  const { t, pick } = useI18n()
  return (
    <div class="filters" role="group" aria-label={t('filters')}>
      <div class="chip-row" role="group" aria-label={t('categories')}>
        <button
          type="button"
          class="chip chip-open"
          aria-pressed={props.openNow}
          onClick={() => props.onChange({ openNow: !props.openNow })}
        >
          <Icon path="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2" size={18} />
          {t('openNow')}
        </button>
        {props.categories.map((c) => (
          <button
            key={c.code}
            type="button"
            class="chip"
            aria-pressed={props.selectedCategories.includes(c.code)}
            onClick={() => props.onChange({ categories: toggle(props.selectedCategories, c.code) })}
          >
            <span class="swatch" style={{ background: CATEGORY_COLOURS[c.code] }}>
              <CategoryIcon code={c.code} size={14} />
            </span>
            {pick(c.label_zh, c.label_en)}
          </button>
        ))}
      </div>
      <div class="chip-row" role="group" aria-label={t('amenities')}>
        {props.amenities.map((a) => (
          <button
            key={a.code}
            type="button"
            class="chip"
            aria-pressed={props.selectedAmenities.includes(a.code)}
            onClick={() => props.onChange({ amenities: toggle(props.selectedAmenities, a.code) })}
          >
            <AmenityIcon code={a.code} size={18} />
            {pick(a.label_zh, a.label_en)}
          </button>
        ))}
      </div>
    </div>
  )
}
