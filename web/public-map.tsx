/**
 * The public map screen: search, "near me", filters, the map and the list/details panel, all driven by the URL.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { Feature, PlaceSummary } from './api.js'
import type { AreaProps } from './app.js'
import { Filters } from './components/filters.js'
import { loadDetails, PanelContent } from './components/panel-content.js'
import { SearchBar } from './components/search-bar.js'
import { useI18n, type MessageKey } from './i18n/index.js'
import { currentTime, useNow } from './lib/clock.js'
import { localTime, shanghaiDate } from './lib/format.js'
import { whenIdle } from './lib/idle.js'
import { openFirst } from './lib/rank.js'
import { hasCrossed } from './lib/status-clock.js'
import { DEFAULT_RADIUS, gridHere, serializeViewState } from './lib/view-state.js'
import { MapOptions } from './map/map-options.js'
import { LazyMapView } from './map/lazy-map-view.js'
import { toMapPlace } from './map/offline-grid.js'
import { rememberTiles, storedTiles, type TileProvider } from './map/tiles.js'
import { useCatalogue } from './state/use-catalogue.js'
import { usePlace } from './state/use-place.js'
import { usePlaces } from './state/use-places.js'
import { useCareMode } from './state/use-care-mode.js'
import { useInstallOffer } from './state/use-install-offer.js'
import { useTravelMode } from './state/use-travel-mode.js'
import { useViewState } from './state/use-view-state.js'
import { useViewport, type MapBox } from './state/use-viewport.js'

export function PublicMap({ onToggleLang }: AreaProps) {
  const { t } = useI18n()
  const [view, go] = useViewState()
  const [attempt, setAttempt] = useState(0)
  const catalogue = useCatalogue(attempt)
  const loaded = usePlaces(view, attempt)
  const now = useNow()
  const [mode] = useTravelMode()
  // On "is there a here", not on its object: back/forward re-parse the URL into a new one each time.
  const hasHere = view.here !== null
  const places = useMemo(
    () => (loaded.state === 'ready' && hasHere ? { ...loaded, data: openFirst(loaded.data, now, mode) } : loaded),
    [loaded, hasHere, now, mode],
  )
  const detail = usePlace(view.place)
  const [box, setBox] = useState<MapBox | null>(null)
  const shown = useViewport(box, view, attempt)
  const [tiles, setTiles] = useState<TileProvider>(storedTiles)
  const [tilesFailed, setTilesFailed] = useState(false)
  const [locating, setLocating] = useState(false)
  const [message, setMessage] = useState<MessageKey | null>(null)
  const [picking, setPicking] = useState(false)
  const [fitTo, setFitTo] = useState<Array<Feature<PlaceSummary>> | null>(null)
  const [care, toggleCare] = useCareMode()
  const install = useInstallOffer()
  const keepRestoredView = useRef(view.map !== null)
  const lastOpened = useRef<string | null>(null)
  const list = loaded.state === 'ready' ? loaded.data : []
  const selectedFeature =
    list.find((f) => f.id === view.place) ?? (detail?.state === 'ready' && detail.data.id === view.place ? detail.data : null)
  const offline = (loaded.state === 'ready' && loaded.offline) || (detail?.state === 'ready' && detail.offline) || null
  const retry = useCallback(() => setAttempt((n) => n + 1), [])

  // The details chunk, once the first screen is drawn and the browser has nothing better to do.
  useEffect(() => {
    whenIdle(() => void loadDetails().catch(() => undefined), { fallbackMs: 1500 })
  }, [])

  // What the effects below read as it is when they run, without running again when it changes.
  const latest = useRef({ loaded, places, view })
  latest.current = { loaded, places, view }

  // A place crossed its closing or opening time since it was fetched: ask again (until then it shows as crossed).
  // On the clock's tick only: a list just fetched is checked at the next tick.
  useEffect(() => {
    const { loaded } = latest.current
    if (
      loaded.state === 'ready' &&
      !loaded.offline &&
      hasCrossed(
        loaded.data.map((f) => f.properties),
        now,
      )
    )
      retry()
  }, [now, retry])

  // A new list near "here" moves the map to it (not a new clock tick or travel mode re-ranking the same list).
  useEffect(() => {
    const { places, view } = latest.current
    if (loaded.state !== 'ready' || !view.here) return
    if (keepRestoredView.current) keepRestoredView.current = false
    else setFitTo(places.state === 'ready' ? places.data : null)
  }, [loaded])

  useEffect(() => {
    if (view.place) lastOpened.current = view.place
    else if (lastOpened.current) document.getElementById(`place-${lastOpened.current}`)?.focus()
  }, [view.place, loaded.state])

  const nearMe = (auto = false) => {
    if (!navigator.geolocation) return auto ? undefined : denied()
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false)
        setPicking(false)
        if (!auto) setMessage('locationFromGps')
        go(
          {
            here: gridHere(position.coords.latitude, position.coords.longitude, 'gps'),
            place: null,
            radius: DEFAULT_RADIUS,
          },
          { replace: auto },
        )
      },
      () => (auto ? setLocating(false) : denied()),
      // A quick coarse fix first: a cheap phone's GPS cold start must not hold the first list back.
      { enableHighAccuracy: !auto, timeout: 10_000, maximumAge: 300_000 },
    )
  }

  // Location already granted: the first screen is the nearest places, without a tap. Never asks: a prompt on
  // load is refused by most people, and a shared link or a search keeps the view it names.
  // Once, on the view the page opened with.
  const nearMeNow = useRef(nearMe)
  nearMeNow.current = nearMe
  useEffect(() => {
    const { view } = latest.current
    if (view.here || view.place || view.q || view.map || !navigator.permissions) return
    navigator.permissions
      .query({ name: 'geolocation' })
      .then((status) => {
        if (status.state === 'granted') nearMeNow.current(true)
      })
      .catch(() => undefined)
  }, [])
  function denied() {
    setLocating(false)
    setPicking(true)
    setMessage('locationDenied')
  }

  // A station's link is what gets copied and shared: it never carries where the phone is, not even its grid cell.
  const hrefFor = (id: string) =>
    `${location.pathname}${serializeViewState({ ...view, place: id, here: view.here?.from === 'gps' ? null : view.here })}`

  return (
    <div class={`app${view.place ? ' has-place' : ''}`}>
      <a class="skip-link" href="#results">
        {t('skipToList')}
      </a>
      <header class="topbar">
        <h1>{t('title')}</h1>
        <button
          type="button"
          class="button lang-toggle care-toggle"
          aria-pressed={care}
          aria-label={t('careModeLabel')}
          onClick={toggleCare}
        >
          {t('careMode')}
        </button>
        <button
          type="button"
          class="button lang-toggle"
          onClick={onToggleLang}
          aria-label={t('switchLanguageLabel')}
          lang={t('switchLanguage') === 'English' ? 'en' : 'zh-CN'}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <div class="controls">
        <SearchBar q={view.q} locating={locating} onSearch={(q) => go({ q, place: null })} onNearMe={() => nearMe()} />
        {catalogue ? (
          <Filters
            categories={catalogue.categories}
            amenities={catalogue.amenities}
            selectedCategories={view.categories}
            selectedAmenities={view.amenities}
            openNow={view.openNow}
            onChange={(patch) => go({ ...patch, place: null })}
          />
        ) : (
          <div class="filters" aria-hidden="true" />
        )}
      </div>
      <main class="layout">
        <div class={`map-wrap${picking ? ' picking' : ''}`}>
          <LazyMapView
            listReady={loaded.state !== 'loading'}
            shown={shown}
            selected={selectedFeature ? toMapPlace(selectedFeature) : null}
            here={view.here}
            position={view.map}
            tiles={tiles}
            fitTo={fitTo}
            care={care}
            onSelect={(id) => go({ place: id })}
            onTap={(point) => {
              if (!picking) return
              setPicking(false)
              setMessage('locationSetOnMap')
              go({ here: gridHere(point.lat, point.lng, 'map'), place: null })
            }}
            onMove={(map) => go({ map }, { replace: true })}
            onView={setBox}
            onTilesFailed={setTilesFailed}
          />
          {picking ? <p class="map-hint">{t('tapMapHint')}</p> : null}
          {/* One row over the map, beside the zoom buttons: the tile notice never runs under the legend. */}
          <div class="map-overlay">
            {tilesFailed ? (
              // aria-live, not role=status: one status region per page (the report form's thanks is the other).
              <p class="tiles-notice" aria-live="polite">
                {t('tilesFailed')}
              </p>
            ) : null}
            {catalogue ? (
              <MapOptions categories={catalogue.categories} tiles={tiles} onTiles={(p) => (rememberTiles(p), setTiles(p))} />
            ) : null}
          </div>
        </div>
        <section
          class="panel"
          id="results"
          tabIndex={-1}
          aria-label={t(view.here ? 'resultsNearest' : 'resultsCount', { n: list.length })}
        >
          {offline ? (
            <p class="offline-banner" role="status">
              {t('offlineBanner', {
                time:
                  shanghaiDate(offline) === shanghaiDate(currentTime())
                    ? localTime(offline.toISOString())
                    : `${shanghaiDate(offline).slice(5)} ${localTime(offline.toISOString())}`,
              })}
            </p>
          ) : null}
          <p class={`location-message${message === 'locationDenied' ? ' warning' : ''}`} role="status">
            {message ? t(message) : null}
            {message && view.here ? (
              <button type="button" class="link-button" onClick={() => (setMessage(null), go({ here: null, place: null }))}>
                {t('clearLocation')}
              </button>
            ) : null}
          </p>
          <PanelContent
            view={view}
            go={go}
            places={places}
            detail={detail}
            catalogue={catalogue}
            now={now}
            retry={retry}
            hrefFor={hrefFor}
          />
          {install ? (
            <p class="install-offer">
              <button type="button" class="button" onClick={() => void install()}>
                {t('installApp')}
              </button>
              <span>{t('installAppWhy')}</span>
            </p>
          ) : null}
          {/* After the list, not before it: drawn while it loads, the list would push it down (a layout shift). */}
          {loaded.state === 'loading' ? null : <p class="sample-notice">{t('sampleNotice')}</p>}
        </section>
      </main>
    </div>
  )
}
