/** Loading, error and empty states for the list: never a blank panel. */
import type { Label } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { formatDistance } from '../lib/format.js'
import { WIDER_RADIUS, type ViewState } from '../lib/view-state.js'

export function Loading() {
  const { t } = useI18n()
  return (
    <p class="notice" role="status">
      <span class="spinner" aria-hidden="true" />
      {t('loading')}
    </p>
  )
}

export function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n()
  return (
    <div class="notice notice-error" role="alert">
      <p>{t('apiDown')}</p>
      <button type="button" class="button" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  )
}

interface EmptyProps {
  view: ViewState
  categories: Label[]
  amenities: Label[]
  onWiden: (radius: number | null) => void
  onClear: () => void
}

/** "No open caring station with meal heating within 3 km — widen the search?" */
export function NoResults({ view, categories, amenities, onWiden, onClear }: EmptyProps) {
  const i18n = useI18n()
  const { t, pick } = i18n
  const names = (labels: Label[], codes: string[]) =>
    codes
      .map((c) => labels.find((l) => l.code === c))
      .filter(Boolean)
      .map((l) => pick(l!.label_zh, l!.label_en))
  if (view.here && view.radius !== null) {
    const categoryNames = names(categories, view.categories)
    const what =
      categoryNames.length === 1 ? (i18n.lang === 'en' ? categoryNames[0]!.toLowerCase() : categoryNames[0]!) : t('emptyWhat')
    const amenityNames = names(amenities, view.amenities)
    const message = t('emptyNear', {
      distance: formatDistance(view.radius, i18n),
      open: view.openNow ? t('emptyOpen') : '',
      with: amenityNames.length ? t('emptyWith', { list: amenityNames.join(t('listSeparator')) }) : '',
      what,
    })
    const wider = view.radius < WIDER_RADIUS ? WIDER_RADIUS : null
    return (
      <div class="notice" role="status">
        <p>
          {message} — {t('widenQuestion')}
        </p>
        <button type="button" class="button button-primary" onClick={() => onWiden(wider)}>
          {wider ? t('widenTo', { distance: formatDistance(wider, i18n) }) : t('widenAll')}
        </button>
      </div>
    )
  }
  return (
    <div class="notice" role="status">
      <p>{t('emptyBrowse')}</p>
      <button type="button" class="button" onClick={onClear}>
        {t('clearFilters')}
      </button>
    </div>
  )
}
