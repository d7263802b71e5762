/**
 * Filter chips. The worker's top needs (open now, water, charging, meal heating, toilet) sit in one wrapping row,
 * reachable without sideways scrolling; the categories and the other facilities open under "more". A chosen chip
 * from "more" is repeated in the first row, so every chosen filter stays in sight. Toggle buttons, so a screen
 * reader hears each one's state ("pressed").
 */
import { useState } from 'preact/hooks'
import type { Label } from '../api.js'
import { useI18n, type MessageKey } from '../i18n/index.js'
import { CATEGORY_COLOURS } from '../map/colours.js'
import { AmenityIcon, CategoryIcon, Icon } from './icons.js'

interface Props {
  categories: Label[]
  amenities: Label[]
  selectedCategories: string[]
  selectedAmenities: string[]
  openNow: boolean
  onChange: (patch: { categories?: string[]; amenities?: string[]; openNow?: boolean }) => void
}

/** What an outdoor worker looks for first (issue 12), in this order. */
export const TOP_NEEDS = ['drinking_water', 'phone_charging', 'meal_heating', 'toilet']
/**
 * The top needs' chip words: short ("Water", "Charging"), so that with "open now" and "more" they fit two rows of a
 * 360-px phone in English too (the space for two rows is kept before the labels arrive: no layout shift).
 */
const NEED_WORDS: Record<string, MessageKey> = {
  drinking_water: 'needWater',
  phone_charging: 'needCharging',
  meal_heating: 'needMeal',
  toilet: 'needToilet',
}

const toggle = (list: string[], code: string) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code])

export function Filters(props: Props) {
  const { t, pick } = useI18n()
  const [more, setMore] = useState(false)
  const amenityChip = (a: Label, short = false) => (
    <button
      key={a.code}
      type="button"
      class="chip"
      aria-pressed={props.selectedAmenities.includes(a.code)}
      onClick={() => props.onChange({ amenities: toggle(props.selectedAmenities, a.code) })}
    >
      <AmenityIcon code={a.code} size={18} />
      {short && NEED_WORDS[a.code] ? t(NEED_WORDS[a.code]!) : pick(a.label_zh, a.label_en)}
    </button>
  )
  const categoryChip = (c: Label) => (
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
  )
  const top = TOP_NEEDS.map((code) => props.amenities.find((a) => a.code === code)).filter((a): a is Label => !!a)
  const others = props.amenities.filter((a) => !TOP_NEEDS.includes(a.code))
  const chosenOthers = others.filter((a) => props.selectedAmenities.includes(a.code))
  const chosenCategories = props.categories.filter((c) => props.selectedCategories.includes(c.code))
  const hiddenChosen = chosenOthers.length + chosenCategories.length
  return (
    <div class="filters" role="group" aria-label={t('filters')}>
      <div class="chip-row" role="group" aria-label={t('topNeeds')}>
        <button
          type="button"
          class="chip chip-open"
          aria-pressed={props.openNow}
          onClick={() => props.onChange({ openNow: !props.openNow })}
        >
          <Icon path="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2" size={18} />
          {t('openNow')}
        </button>
        {top.map((a) => amenityChip(a, true))}
        {more ? null : [...chosenCategories.map(categoryChip), ...chosenOthers.map((a) => amenityChip(a))]}
        <button
          type="button"
          class="chip chip-more"
          aria-expanded={more}
          aria-controls="more-filters"
          onClick={() => setMore(!more)}
        >
          {more ? t('fewerFilters') : hiddenChosen ? t('moreFiltersChosen', { n: hiddenChosen }) : t('moreFilters')}
        </button>
      </div>
      {more ? (
        <div id="more-filters" class="more-filters">
          <div class="chip-row" role="group" aria-label={t('categories')}>
            {props.categories.map(categoryChip)}
          </div>
          <div class="chip-row" role="group" aria-label={t('amenities')}>
            {others.map((a) => amenityChip(a))}
          </div>
        </div>
      ) : null}
    </div>
  )
}
