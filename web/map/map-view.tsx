/**
 * The map: owns one L.Map through a ref and effects; Preact never renders inside it. Markers are shifted into
 * GCJ-02 when the base map is drawn in GCJ-02, and taps are shifted back, so state and URLs stay WGS-84.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Feature, PlaceSummary } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { fromGcj02, toGcj02, type LngLat } from '../lib/navigation-links.js'
import type { Here, MapPosition } from '../lib/view-state.js'
import L from './leaflet.js'
import { categoryIcon, createClusterGroup, hereIcon } from './markers.js'
import type { TileProvider } from './tiles.js'

export const JIANGBEI: MapPosition = { zoom: 13, lat: 29.905, lng: 121.555 }

interface Props {
  places: Array<Feature<PlaceSummary>>
  selectedId: string | null
  here: Here | null
  position: MapPosition | null
  tiles: TileProvider
  /** Fit the view to "here" and these places when they change (nearest results). */
  fitTo: Array<Feature<PlaceSummary>> | null
  /** 关怀模式: larger markers (redrawn when it changes). */
  care: boolean
  onSelect: (id: string) => void
  onTap: (point: LngLat) => void
  onMove: (position: MapPosition) => void
}

export function MapView(props: Props) {
  const { t, pick } = useI18n()
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map>()
  const cluster = useRef<L.MarkerClusterGroup>()
  const markers = useRef(new Map<string, L.Marker>())
  const latest = useRef(props)
  latest.current = props
  const gcj = props.tiles.crs === 'gcj02'
  const show = (p: LngLat): L.LatLngExpression => {
    const shown = gcj ? toGcj02(p) : p
    return [shown.lat, shown.lng]
  }
  const unshow = (p: L.LatLng): LngLat => (latest.current.tiles.crs === 'gcj02' ? fromGcj02(p) : { lat: p.lat, lng: p.lng })

  useEffect(() => {
    const start = props.position ?? (props.here ? { ...props.here, zoom: 15 } : JIANGBEI)
    const m = L.map(element.current!, { zoomControl: false, keyboard: true, maxZoom: props.tiles.maxZoom, minZoom: 8 }).setView(
      show(start),
      start.zoom,
    )
    m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>')
    L.control.zoom({ zoomInTitle: t('zoomIn'), zoomOutTitle: t('zoomOut') }).addTo(m)
    cluster.current = createClusterGroup().addTo(m)
    m.on('click', (e: L.LeafletMouseEvent) => latest.current.onTap(unshow(e.latlng)))
    m.on('moveend', () => {
      const c = unshow(m.getCenter())
      latest.current.onMove({ zoom: m.getZoom(), lat: c.lat, lng: c.lng })
    })
    map.current = m
    return () => m.remove()
  }, [])

  // Tiles that never arrive (offline, blocked, a wrong key) must not leave a silent grey box: after a few
  // failures and no success, say so over the map; one tile that loads takes the notice away.
  const [tilesFailed, setTilesFailed] = useState(false)
  useEffect(() => {
    const m = map.current!
    let errors = 0
    let loaded = false
    setTilesFailed(false)
    const layers = props.tiles.urls.map((url) =>
      L.tileLayer(url, {
        subdomains: props.tiles.subdomains,
        attribution: props.tiles.attribution,
        maxZoom: props.tiles.maxZoom,
      })
        .on('tileerror', () => {
          errors += 1
          if (!loaded && errors >= 3) setTilesFailed(true)
        })
        .on('tileload', () => {
          loaded = true
          setTilesFailed(false)
        })
        // Every tile in view is settled and none of them drew: a small map may ask for only one or two.
        .on('load', () => {
          if (!loaded && errors > 0) setTilesFailed(true)
        })
        .addTo(m),
    )
    m.setMaxZoom(props.tiles.maxZoom)
    return () => layers.forEach((layer) => layer.remove())
  }, [props.tiles])

  useEffect(() => {
    const group = cluster.current!
    group.clearLayers()
    markers.current.clear()
    const list = props.places.map((f) => {
      const [lng, lat] = f.geometry.coordinates
      const name = pick(f.properties.name_zh, f.properties.name_en)
      const marker = L.marker(show({ lng, lat }), {
        icon: categoryIcon(f.properties.category, f.id === props.selectedId),
        title: name,
        alt: name,
        keyboard: true,
      })
      marker.on('click', () => latest.current.onSelect(f.id))
      markers.current.set(f.id, marker)
      return marker
    })
    group.addLayers(list)
  }, [props.places, props.tiles.crs, pick, props.care])

  useEffect(() => {
    const marker = props.selectedId ? markers.current.get(props.selectedId) : undefined
    if (!marker) return
    const place = props.places.find((f) => f.id === props.selectedId)!
    marker.setIcon(categoryIcon(place.properties.category, true)).setZIndexOffset(1000)
    cluster.current!.zoomToShowLayer(marker, () => map.current!.panTo(marker.getLatLng()))
    return () => void marker.setIcon(categoryIcon(place.properties.category, false)).setZIndexOffset(0)
  }, [props.selectedId, props.places])

  useEffect(() => {
    if (!props.here) return
    const marker = L.marker(show(props.here), {
      icon: hereIcon(),
      title: t('youAreHere'),
      alt: t('youAreHere'),
      keyboard: false,
      interactive: false,
    }).addTo(map.current!)
    return () => void marker.remove()
  }, [props.here, props.tiles.crs, t])

  useEffect(() => {
    if (!props.fitTo || !props.here || props.selectedId) return
    const points = [
      show(props.here),
      ...props.fitTo.slice(0, 5).map((f) => show({ lng: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })),
    ]
    map.current!.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 16 })
  }, [props.fitTo])

  useEffect(() => {
    const m = map.current!
    const p = props.position
    if (!p) return
    const c = unshow(m.getCenter())
    if (p.zoom !== m.getZoom() || Math.abs(p.lat - c.lat) > 1e-4 || Math.abs(p.lng - c.lng) > 1e-4)
      m.setView(show(p), p.zoom, { animate: false })
  }, [props.position])

  return (
    <>
      <div ref={element} class="map" role="region" aria-label={t('mapLabel')} />
      {tilesFailed ? (
        // aria-live, not role=status: one status region per page (the report form's thanks is the other).
        <p class="tiles-notice" aria-live="polite">
          {t('tilesFailed')}
        </p>
      ) : null}
    </>
  )
}
