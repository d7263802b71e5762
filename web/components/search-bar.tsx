/** Search by name, street or address, and the "near me" button (browser geolocation). */
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../i18n/index.js'

interface Props {
  q: string
  locating: boolean
  onSearch: (q: string) => void
  onNearMe: () => void
}

export function SearchBar({ q, locating, onSearch, onNearMe }: Props) {
  const { t } = useI18n()
  const [text, setText] = useState(q)
  useEffect(() => setText(q), [q])
  return (
    <div class="search-row">
      <form
        role="search"
        class="search"
        onSubmit={(e) => {
          e.preventDefault()
          onSearch(text.trim())
        }}
      >
        <label for="search-q" class="visually-hidden">
          {t('searchLabel')}
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          value={text}
          maxLength={100}
          placeholder={t('searchPlaceholder')}
          enterKeyHint="search"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="button" aria-label={t('searchButton')}>
          <svg
            viewBox="0 0 24 24"
            width="22"
            height="22"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            stroke-width="2.4"
            stroke-linecap="round"
          >
            <path d="M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.5 15.5 21 21" />
          </svg>
        </button>
      </form>
      <button type="button" class="button button-primary near-me" onClick={onNearMe} disabled={locating} aria-busy={locating}>
        <svg
          viewBox="0 0 24 24"
          width="20"
          height="20"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          stroke-width="2.4"
          stroke-linecap="round"
        >
          <path d="M12 2v3M12 19v3M2 12h3M19 12h3M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10z" />
        </svg>
        {locating ? t('locating') : t('nearMe')}
      </button>
    </div>
  )
}
