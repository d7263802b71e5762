/** Category markers (coloured pins with the category icon) and the cluster group that gathers them at low zoom. */
import L from './leaflet.js'
import { CATEGORY_ICON_PATHS, iconSvgMarkup } from '../components/icons.js'

export const CATEGORY_COLOURS: Record<string, string> = {
  caring_station: '#c92a2a',
  clinic: '#1864ab',
  talent_apartment: '#6741d9',
  training_base: '#2b8a3e',
}

const iconCache = new Map<string, L.DivIcon>()

/** The markup is built only from our own constants (category code → colour and icon), never from place data. */
export function categoryIcon(category: string, selected: boolean): L.DivIcon {
  const key = `${category}:${selected}`
  let icon = iconCache.get(key)
  if (!icon) {
    const code = category in CATEGORY_ICON_PATHS ? category : 'caring_station'
    const size = selected ? 44 : 34
    icon = L.divIcon({
      className: `pin pin-${code}${selected ? ' pin-selected' : ''}`,
      html: iconSvgMarkup(CATEGORY_ICON_PATHS[code]!, selected ? 24 : 18),
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    })
    iconCache.set(key, icon)
  }
  return icon
}

export function createClusterGroup(): L.MarkerClusterGroup {
  return L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    disableClusteringAtZoom: 16,
    spiderfyOnMaxZoom: true,
  })
}

export const hereIcon = () =>
  L.divIcon({ className: 'here-pin', html: '<span></span>', iconSize: [22, 22], iconAnchor: [11, 11] })
