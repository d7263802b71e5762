import { useEffect, useRef } from 'preact/hooks'
import L from '../map/leaflet.js'
import { JIANGBEI } from '../map/map-view.js'
import { TILE_PROVIDERS } from '../map/tiles.js'

/** WGS-84 tiles only: on GCJ-02 tiles (Amap) a clicked point would be ~500 m off. */
const provider = TILE_PROVIDERS.find((p) => p.crs === 'wgs84' && p.urls.length) ?? null

/** A small map; a click picks `[lng, lat]` (WGS-84) and moves the marker there. */
export function PositionPicker({
  value,
  onPick,
  label,
}: {
  value: [number, number] | null
  onPick: (lngLat: [number, number]) => void
  label: string
}) {
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map | null>(null)
  const marker = useRef<L.CircleMarker | null>(null)
  const pick = useRef(onPick)
  pick.current = onPick
  // The map is made once, centred on the value it starts with; later values only move the marker.
  const initial = useRef(value)
  useEffect(() => {
    const start = initial.current
    const m = L.map(element.current!, {
      center: start ? [start[1], start[0]] : [JIANGBEI.lat, JIANGBEI.lng],
      zoom: start ? 16 : JIANGBEI.zoom,
    })
    if (provider)
      for (const url of provider.urls)
        L.tileLayer(url, { subdomains: provider.subdomains, maxZoom: provider.maxZoom, attribution: provider.attribution }).addTo(
          m,
        )
    m.on('click', (e: L.LeafletMouseEvent) =>
      pick.current([Math.round(e.latlng.lng * 1e6) / 1e6, Math.round(e.latlng.lat * 1e6) / 1e6]),
    )
    map.current = m
    return () => m.remove()
  }, [])
  // On the numbers, not the array: the form hands a new one on each render.
  const [lng, lat] = value ?? [null, null]
  useEffect(() => {
    if (!map.current) return
    marker.current?.remove()
    marker.current =
      lng !== null && lat !== null ? L.circleMarker([lat, lng], { radius: 9, color: '#c92a2a' }).addTo(map.current) : null
  }, [lng, lat])
  return <div class="position-picker" ref={element} role="application" aria-label={label} />
}
