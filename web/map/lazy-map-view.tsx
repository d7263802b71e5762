/**
 * The map, loaded once the list has its places: Leaflet and its cluster plugin are two thirds of the app's script,
 * and on a slow phone network the nearest places come first. Until the map's chunk is in, an empty map area of the
 * same size keeps its place (no layout shift). It also loads after a few seconds when the list is slow to come.
 */
import type { ComponentProps } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from '../i18n/index.js'
import { whenIdle } from '../lib/idle.js'

type MapViewComponent = typeof import('./map-view.js')['MapView']
let loaded: MapViewComponent | null = null
let loading: Promise<MapViewComponent> | null = null
const loadMapView = () =>
  (loading ??= import('./map-view.js').then(
    (m) => (loaded = m.MapView),
    (error: unknown) => {
      loading = null // offline before the chunk was ever cached: try again next time
      throw error
    },
  ))
/** Without a list, the map still comes after this long. */
const AT_THE_LATEST_MS = 3000

export function LazyMapView({ listReady, ...props }: ComponentProps<MapViewComponent> & { listReady: boolean }) {
  const { t } = useI18n()
  const [View, setView] = useState<MapViewComponent | null>(() => loaded)
  useEffect(() => {
    if (View) return
    let live = true
    let cancelIdle = () => {}
    const load = () =>
      void loadMapView().then(
        (component) => live && setView(() => component),
        () => undefined,
      )
    // Once the list is drawn, when the browser is idle (or after a second at most): Leaflet's set-up is the first
    // load's biggest task, and it should not hold up the list's paint or the first tap.
    const timer = setTimeout(
      () => {
        if (listReady) cancelIdle = whenIdle(load, { timeout: 1000, fallbackMs: 0 })
        else load()
      },
      listReady ? 0 : AT_THE_LATEST_MS,
    )
    return () => {
      live = false
      clearTimeout(timer)
      cancelIdle()
    }
  }, [listReady, View])
  return View ? <View {...props} /> : <div class="map" role="region" aria-label={t('mapLabel')} aria-busy="true" />
}
