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

type Crs = TileProvider['crs']

/** A WGS-84 point where the base map draws it. */
const toScreen = (p: LngLat, crs: Crs): L.LatLngExpression => {
  const shown = crs === 'gcj02' ? toGcj02(p) : p
  return [shown.lat, shown.lng]
}
/** A point of the base map back in WGS-84. */
const fromScreen = (p: L.LatLng, crs: Crs): LngLat => (crs === 'gcj02' ? fromGcj02(p) : { lat: p.lat, lng: p.lng })
const boxOf = (m: L.Map, crs: Crs): MapBox => {
  const bounds = m.getBounds()
  const sw = fromScreen(bounds.getSouthWest(), crs)
  const ne = fromScreen(bounds.getNorthEast(), crs)
  return { bbox: [sw.lng, sw.lat, ne.lng, ne.lat], zoom: m.getZoom() }
}
const sameMapPlace = (a: MapPlace | null, b: MapPlace | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.id === b.id &&
    a.lng === b.lng &&
    a.lat === b.lat &&
    a.category === b.category &&
    a.name_zh === b.name_zh &&
    a.name_en === b.name_en)

export function MapView(props: Props) {
  const { t, pick, lang } = useI18n()
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map>()
  const layer = useRef<L.LayerGroup>()
  // Leaflet's own handlers (click, moveend) and the effects that run on one change only read the props of now.
  const latest = useRef(props)
  latest.current = props
  const crs = props.tiles.crs
  // The parent builds the open place anew on each render: keep one object while it stays the same place.
  const selectedRef = useRef(props.selected)
  if (!sameMapPlace(selectedRef.current, props.selected)) selectedRef.current = props.selected
  const selected = selectedRef.current

  // The map itself, once: it starts where the URL or "here" says; later positions come through the effects below.
  useEffect(() => {
    const { position, here, tiles } = latest.current
    const start = position ?? (here ? { ...here, zoom: 15 } : JIANGBEI)
    const m = L.map(element.current!, { zoomControl: false, keyboard: true, maxZoom: tiles.maxZoom, minZoom: 8 }).setView(
      toScreen(start, tiles.crs),
      start.zoom,
    )
    m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>')
    layer.current = L.layerGroup().addTo(m)
    m.on('click', (e: L.LeafletMouseEvent) => latest.current.onTap(fromScreen(e.latlng, latest.current.tiles.crs)))
    // After a pan and after a zoom alike (a zoom ends with a moveend).
    m.on('moveend', () => {
      const now = latest.current
      const c = fromScreen(m.getCenter(), now.tiles.crs)
      now.onMove({ zoom: m.getZoom(), lat: c.lat, lng: c.lng })
      now.onView(boxOf(m, now.tiles.crs))
    })
    map.current = m
    latest.current.onView(boxOf(m, tiles.crs))
    return () => m.remove()
  }, [])

  // The zoom buttons, titled in the language of the moment.
  useEffect(() => {
    const control = L.control.zoom({ zoomInTitle: t('zoomIn'), zoomOutTitle: t('zoomOut') }).addTo(map.current!)
    return () => void control.remove()
  }, [t])

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
  useEffect(() => latest.current.onView(boxOf(map.current!, crs)), [crs])

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
    const at = (p: LngLat) => m.latLngToContainerPoint(toScreen(p, latest.current.tiles.crs))
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

  // props.care: the icons' size comes from the page's class; t, pick, lang: the words on them.
  const selectedId = selected?.id
  useEffect(() => redrawLatest.current(), [props.shown, crs, t, pick, lang, props.care, selectedId])

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

  useEffect(() => {
    if (!selected) return
    const name = pick(selected.name_zh, selected.name_en)
    const marker = L.marker(toScreen(selected, crs), {
      icon: categoryIcon(selected.category, true),
      title: name,
      alt: name,
      keyboard: true,
      zIndexOffset: 1000,
    }).addTo(map.current!)
    return () => void marker.remove()
  }, [selected, crs, pick, props.care])

  // A newly opened place comes into view if it is not (the map moves; the bubbles follow). One already in view
  // stays where it is: no jump under the finger. Only a new id moves the map, not a new datum or a new name.
  const panned = useRef<string | null>(null)
  useEffect(() => {
    if ((selected?.id ?? null) === panned.current) return
    panned.current = selected?.id ?? null
    const m = map.current!
    if (selected && !m.getBounds().pad(-0.1).contains(toScreen(selected, crs))) m.panTo(toScreen(selected, crs))
  }, [selected, crs])

  useEffect(() => {
    if (!props.here) return
    const marker = L.marker(toScreen(props.here, crs), {
      icon: hereIcon(),
      title: t('youAreHere'),
      alt: t('youAreHere'),
      keyboard: false,
      interactive: false,
    }).addTo(map.current!)
    return () => void marker.remove()
  }, [props.here, crs, t])

  // Only a new list of nearest places moves the map; "here" and the open place are read as they are then.
  useEffect(() => {
    const { fitTo, here, selected: open, tiles } = latest.current
    if (!fitTo || !here || open) return
    const points = [
      toScreen(here, tiles.crs),
      ...fitTo.slice(0, 5).map((f) => toScreen({ lng: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }, tiles.crs)),
    ]
    map.current!.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 16 })
  }, [props.fitTo])

  // Only a new position (the URL: back, forward, a link) moves the map; a change of datum alone does not.
  useEffect(() => {
    const m = map.current!
    const p = props.position
    if (!p) return
    const at = latest.current.tiles.crs
    const c = fromScreen(m.getCenter(), at)
    if (p.zoom !== m.getZoom() || Math.abs(p.lat - c.lat) > 1e-4 || Math.abs(p.lng - c.lng) > 1e-4)
      m.setView(toScreen(p, at), p.zoom, { animate: false })
  }, [props.position])

  return <div ref={element} class="map" role="region" aria-label={t('mapLabel')} />
}
