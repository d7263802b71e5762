/**
 * The list: a first-class alternative to the map. Each place is a link (shareable, opens with Enter), ordered by
 * distance when "here" is known; the result count is announced politely as filters change.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Feature, Label, PlaceSummary } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { formatDistance } from '../lib/format.js'
import { whenIdle } from '../lib/idle.js'
import { CATEGORY_COLOURS } from '../map/colours.js'
import { TOP_NEEDS } from './filters.js'
import { AmenityIcon, CategoryIcon } from './icons.js'
import { LiveStatus } from './live-truth/live-status.js'
import { ArrivalLine, StatusBadge } from './status-badge.js'

const FIRST_ENTRIES = 30
/** What new results draw in the first frame (a phone shows four or five; a desktop panel about ten). */
const SCREENFUL = 10

/** After the browser has painted and has a moment: the rest of the first entries, in a task of their own. */
const afterPaint = (f: () => void) => whenIdle(f, { timeout: 1000, fallbackMs: 200 })

/** Facilities as words, the ones asked for first, then the worker's top needs, then the rest as listed. */
function byNeed(amenities: string[], chosen: string[]): string[] {
  const rank = (code: string) => (chosen.includes(code) ? 0 : TOP_NEEDS.includes(code) ? 1 : 2)
  return amenities
    .map((code, i) => ({ code, i }))
    .sort((a, b) => rank(a.code) - rank(b.code) || a.i - b.i)
    .map((x) => x.code)
}
let remembered: { places: unknown; shown: number } | null = null

interface Props {
  places: Array<Feature<PlaceSummary>>
  nearest: boolean
  /** The amenities the filters ask for: named first in each entry. */
  chosen: string[]
  amenityLabels: Label[]
  categoryLabels: Label[]
  now: Date
  hrefFor: (id: string) => string
  onOpen: (id: string) => void
}

export function PlaceList({ places, nearest, chosen, amenityLabels, categoryLabels, now, hrefFor, onOpen }: Props) {
  const i18n = useI18n()
  const { t, pick } = i18n
  // The first screenful renders at once; the rest on request, so a phone is not busy drawing 130 entries at load.
  // Remembered across the details view, so "back" finds the entry it returns focus to; reset by new results.
  const [expanded, setExpanded] = useState(() => (remembered?.places === places ? remembered : { places, shown: FIRST_ENTRIES }))
  const shown = expanded.places === places ? expanded.shown : FIRST_ENTRIES
  const returning = remembered?.places === places
  remembered = { places, shown }
  // New results: a screenful at once (the list is the first thing a phone waits for), the rest a moment later, so
  // neither is one long task. Back from a place's details, all at once: focus returns to the entry it came from.
  const [whole, setWhole] = useState<unknown>(() => (returning ? places : null))
  useEffect(() => (whole === places ? undefined : afterPaint(() => setWhole(places))), [places, whole])
  const drawn = whole === places ? shown : Math.min(shown, SCREENFUL)
  const label = (labels: Label[], code: string) => {
    const found = labels.find((l) => l.code === code)
    return found ? pick(found.label_zh, found.label_en) : code
  }
  return (
    <>
      <ol class="place-list">
        {places.slice(0, drawn).map((f) => {
          const p = f.properties
          const amenityWords = p.amenities.map((a) => label(amenityLabels, a)).join(t('listSeparator'))
          return (
            <li key={f.id}>
              <a
                class="place-item"
                id={`place-${f.id}`}
                href={hrefFor(f.id)}
                onClick={(e) => {
                  if (e.ctrlKey || e.metaKey || e.shiftKey) return
                  e.preventDefault()
                  onOpen(f.id)
                }}
              >
                <span class="place-icon" style={{ background: CATEGORY_COLOURS[p.category] }}>
                  <CategoryIcon code={p.category} size={20} />
                </span>
                <span class="place-main">
                  <span class="place-name">{pick(p.name_zh, p.name_en)}</span>
                  <span class="place-line">
                    {nearest && p.distance_m !== undefined ? (
                      <strong class="distance">{formatDistance(p.distance_m, i18n)}</strong>
                    ) : null}
                    <StatusBadge place={p} now={now} />
                    {nearest ? <ArrivalLine place={p} now={now} /> : null}
                  </span>
                  <LiveStatus place={p} amenityLabels={amenityLabels} now={now} compact />
                  <span class="amenity-words" title={amenityWords}>
                    <span class="place-meta">{label(categoryLabels, p.category)}</span>
                    {byNeed(p.amenities, chosen).map((a) => (
                      <span key={a} class={`amenity-word${chosen.includes(a) ? ' chosen' : ''}`}>
                        <AmenityIcon code={a} size={15} />
                        {label(amenityLabels, a)}
                      </span>
                    ))}
                  </span>
                </span>
              </a>
            </li>
          )
        })}
      </ol>
      {places.length > shown ? (
        <button type="button" class="button show-all" onClick={() => setExpanded({ places, shown: places.length })}>
          {t('showAll', { n: places.length })}
        </button>
      ) : null}
    </>
  )
}
