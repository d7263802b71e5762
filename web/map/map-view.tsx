/**
 * The map: owns one L.Map through a ref and effects; Preact never renders inside it. Markers are shifted into
 * GCJ-02 when the base map is drawn in GCJ-02, and taps are shifted back, so state and URLs stay WGS-84.
 */
import { useEffect, useRef } from 'preact/hooks'
import { STREET_ZOOM } from '../../api/lib/viewport-grid.js'
import type { Feature, MapPlace, PlaceSummary } from '../api.js'
import { useI18n } from '../i18n/index.js'
import { fromGcj02, toGcj02, type LngLat } from '../lib/navigation-links.js'
import type { Here, MapPosition } from '../lib/view-state.js'
import L from './leaflet.js'
import type { MapBox } from '../state/use-viewport.js'
import { declutter, type Rect } from './declutter.js'
import { categoryIcon, clusterIcon, hereIcon } from './markers.js'
import type { Shown } from './offline-grid.js'
import type { TileProvider } from './tiles.js'

export const JIANGBEI: MapPosition = { zoom: 13, lat: 29.905, lng: 121.555 }
const xy = (p: L.Point) => ({ x: p.x, y: p.y })

interface Props {
  /** What is in view (GET /places/viewport): count bubbles and places. */
  shown: Shown
  /** The open place, drawn on top wherever it is (inside a bubble or not). */
  selected: MapPlace | null
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
  /** The box on screen (WGS-84) and the zoom, whenever the map comes to rest. */
  onView: (box: MapBox) => void
  /** Whether the base map's tiles fail to load (the notice is drawn beside the map's other overlays, not here). */
  onTilesFailed: (failed: boolean) => void
}

export function MapView(props: Props) {
  const { t, pick, lang } = useI18n()
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map>()
  const layer = useRef<L.LayerGroup>()
  const latest = useRef(props)
  latest.current = props
  const gcj = props.tiles.crs === 'gcj02'
  const show = (p: LngLat): L.LatLngExpression => {
    const shown = gcj ? toGcj02(p) : p
    return [shown.lat, shown.lng]
  }
  const unshow = (p: L.LatLng): LngLat => (latest.current.tiles.crs === 'gcj02' ? fromGcj02(p) : { lat: p.lat, lng: p.lng })
  const reportView = (m: L.Map) => {
    const bounds = m.getBounds()
    const sw = unshow(bounds.getSouthWest())
    const ne = unshow(bounds.getNorthEast())
    latest.current.onView({ bbox: [sw.lng, sw.lat, ne.lng, ne.lat], zoom: m.getZoom() })
  }

  useEffect(() => {
    const start = props.position ?? (props.here ? { ...props.here, zoom: 15 } : JIANGBEI)
    const m = L.map(element.current!, { zoomControl: false, keyboard: true, maxZoom: props.tiles.maxZoom, minZoom: 8 }).setView(
      show(start),
      start.zoom,
    )
    m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>')
    L.control.zoom({ zoomInTitle: t('zoomIn'), zoomOutTitle: t('zoomOut') }).addTo(m)
    layer.current = L.layerGroup().addTo(m)
    m.on('click', (e: L.LeafletMouseEvent) => latest.current.onTap(unshow(e.latlng)))
    // After a pan and after a zoom alike (a zoom ends with a moveend).
    m.on('moveend', () => {
      const c = unshow(m.getCenter())
      latest.current.onMove({ zoom: m.getZoom(), lat: c.lat, lng: c.lng })
      reportView(m)
    })
    map.current = m
    reportView(m)
    return () => m.remove()
  }, [])

  // Tiles that never arrive (offline, blocked, a wrong key) must not leave a silent grey box: after a few
  // failures and no success, say so over the map; one tile that loads takes the notice away.
  const setTilesFailed = (failed: boolean) => latest.current.onTilesFailed(failed)
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

  // The base map's datum changed: the same screen is another box in WGS-84.
  useEffect(() => reportView(map.current!), [props.tiles.crs])

  // The bubbles and pins, laid out on screen so that each is a whole tap target (web/map/declutter.ts): drawn
  // again whenever the map comes to rest, the answer changes, or a control over the map changes size.
  const redraw = () => {
    const m = map.current
    const group = layer.current
    if (!m || !group) return
    group.clearLayers()
    const { shown, selected, care } = latest.current
    const size = care ? 60 : 44
    const container = m.getContainer()
    const origin = container.getBoundingClientRect()
    const relative = (e: Element): Rect => {
      const r = e.getBoundingClientRect()
      return { left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top }
    }
    const controls = [
      ...container.querySelectorAll('.leaflet-control'),
      ...(container.parentElement?.querySelectorAll('.map-overlay > *') ?? []),
    ]
      .map(relative)
      .filter((r) => r.right > r.left && r.bottom > r.top)
    const at = (p: LngLat) => m.latLngToContainerPoint(show(p))
    const pinned = selected ? at(selected) : null
    const selectedSize = size + 8
    const places = new Map(shown.places.map((p) => [p.id, p]))
    const drawn = declutter(
      [
        ...shown.clusters.map((c) => ({ ...xy(at(c)), count: c.count })),
        ...shown.places.filter((p) => p.id !== selected?.id).map((p) => ({ ...xy(at(p)), count: 1, id: p.id })),
      ],
      {
        size,
        bounds: { left: 0, top: 0, right: container.clientWidth, bottom: container.clientHeight },
        obstacles: controls,
        fixed: pinned
          ? {
              left: pinned.x - selectedSize / 2,
              top: pinned.y - selectedSize / 2,
              right: pinned.x + selectedSize / 2,
              bottom: pinned.y + selectedSize / 2,
            }
          : null,
      },
    )
    for (const d of drawn) {
      const where = m.containerPointToLatLng([d.x, d.y])
      const place = d.id ? places.get(d.id) : undefined
      if (place) {
        const name = pick(place.name_zh, place.name_en)
        L.marker(where, { icon: categoryIcon(place.category, false), title: name, alt: name, keyboard: true })
          .on('click', () => latest.current.onSelect(place.id))
          .addTo(group)
        continue
      }
      const label = t('clusterLabel', { n: d.count })
      const centre = m.containerPointToLatLng([d.centre.x, d.centre.y])
      L.marker(where, { icon: clusterIcon(d.count, lang), title: label, alt: label, keyboard: true })
        // Below street zoom, towards it; a bubble of neighbours at street zoom (or past it) opens further still.
        .on('click', () => {
          const zoom = m.getZoom()
          m.setView(centre, Math.min(zoom < STREET_ZOOM ? Math.min(zoom + 2, STREET_ZOOM) : zoom + 2, m.getMaxZoom()))
        })
        .addTo(group)
    }
  }
  const redrawLatest = useRef(redraw)
  redrawLatest.current = redraw

  useEffect(() => redrawLatest.current(), [props.shown, props.tiles.crs, pick, props.care, props.selected?.id])

  // The legend opening, the tile notice coming or going, another language's words: the controls changed size.
  useEffect(() => {
    const m = map.current!
    const again = () => redrawLatest.current()
    m.on('moveend resize', again)
    const overlay = m.getContainer().parentElement?.querySelector('.map-overlay')
    const observer = new MutationObserver(again)
    if (overlay) observer.observe(overlay, { childList: true, subtree: true, characterData: true, attributes: true })
    return () => {
      m.off('moveend resize', again)
      observer.disconnect()
    }
  }, [])

  const selected = props.selected
  useEffect(() => {
    if (!selected) return
    const name = pick(selected.name_zh, selected.name_en)
    const marker = L.marker(show(selected), {
      icon: categoryIcon(selected.category, true),
      title: name,
      alt: name,
      keyboard: true,
      zIndexOffset: 1000,
    }).addTo(map.current!)
    return () => void marker.remove()
  }, [selected?.id, selected?.lng, selected?.lat, props.tiles.crs, pick, props.care])

  // A newly opened place comes into view if it is not (the map moves; the bubbles follow). One already in view
  // stays where it is: no jump under the finger.
  useEffect(() => {
    const m = map.current!
    if (selected && !m.getBounds().pad(-0.1).contains(show(selected))) m.panTo(show(selected))
  }, [selected?.id])

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
    if (!props.fitTo || !props.here || props.selected) return
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

  return <div ref={element} class="map" role="region" aria-label={t('mapLabel')} />
}
