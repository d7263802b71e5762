/** The panel beside the map: a place's details, or the list with its loading, error and empty states. */
import type { Feature, PlaceDetail, PlaceSummary } from '../api.js'
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../i18n/index.js'
import { EMPTY_VIEW, type ViewState } from '../lib/view-state.js'
import type { Catalogue } from '../state/use-catalogue.js'
import type { Load } from '../state/use-places.js'
import type { Go } from '../state/use-view-state.js'
import { LoadError, Loading, NoResults } from './list-states.js'
import { PlaceList } from './place-list.js'
import { TravelModeChoice } from './travel-mode.js'

/**
 * The details view (hours, directions, the report form, live truth) is its own chunk: the first screen is the
 * list, and every kilobyte counts on 3G. It is fetched when the browser is idle after the first render, so a tap
 * rarely waits for it (and the service worker precaches it for offline use).
 */
type DetailsComponent = typeof import('./place-details.js').PlaceDetails
let Details: DetailsComponent | null = null
let loading: Promise<DetailsComponent> | null = null
export const loadDetails = () =>
  (loading ??= import('./place-details.js')
    .then((m) => (Details = m.PlaceDetails))
    .catch((error: unknown) => {
      loading = null
      throw error
    }))

function useDetails(wanted: boolean): DetailsComponent | null | 'failed' {
  const [, setLoaded] = useState(0)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (wanted && !Details)
      loadDetails()
        .then(() => setLoaded((n) => n + 1))
        .catch(() => setFailed(true))
  }, [wanted])
  return Details ?? (failed ? 'failed' : null)
}

interface Props {
  view: ViewState
  go: Go
  places: Load<Array<Feature<PlaceSummary>>>
  detail: Load<Feature<PlaceDetail>> | null
  catalogue: Catalogue | null
  now: Date
  retry: () => void
  hrefFor: (id: string) => string
}

export function PanelContent({ view, go, places, detail, catalogue, now, retry, hrefFor }: Props) {
  const { t } = useI18n()
  const list = places.state === 'ready' ? places.data : []
  const selectedSummary = list.find((f) => f.id === view.place)
  const PlaceDetails = useDetails(Boolean(view.place))
  return view.place && detail ? (
    PlaceDetails === 'failed' ? (
      <LoadError onRetry={() => location.reload()} />
    ) : detail.state === 'ready' && catalogue && PlaceDetails ? (
      <PlaceDetails
        feature={detail.data}
        distance={selectedSummary?.properties.distance_m}
        amenityLabels={catalogue.amenities}
        categoryLabels={catalogue.categories}
        here={view.here}
        now={now}
        onBack={() => go({ place: null })}
      />
    ) : detail.state === 'error' ? (
      detail.message === 'gone' ? (
        <p class="notice" role="alert">
          {t('placeGone')}
        </p>
      ) : (
        <LoadError onRetry={retry} />
      )
    ) : (
      <Loading />
    )
  ) : places.state === 'loading' ? (
    <Loading />
  ) : places.state === 'error' ? (
    <LoadError onRetry={retry} />
  ) : list.length === 0 ? (
    <NoResults
      view={view}
      categories={catalogue?.categories ?? []}
      amenities={catalogue?.amenities ?? []}
      onWiden={(radius) => go({ radius })}
      onClear={() => go({ ...EMPTY_VIEW, here: view.here, map: view.map })}
    />
  ) : (
    <>
      <div class="results-bar">
        <h2 class="results-heading" aria-live="polite">
          {t(view.here ? 'resultsNearest' : 'resultsCount', { n: list.length })}
        </h2>
        {view.here ? <TravelModeChoice /> : null}
      </div>
      <PlaceList
        places={list}
        nearest={Boolean(view.here)}
        chosen={view.amenities}
        amenityLabels={catalogue?.amenities ?? []}
        categoryLabels={catalogue?.categories ?? []}
        now={now}
        hrefFor={hrefFor}
        onOpen={(id) => go({ place: id })}
      />
    </>
  )
}
