/** Category markers (coloured pins with the category icon) and the cluster group that gathers them at low zoom. */
import L from './leaflet.js'
import { CATEGORY_ICON_PATHS, iconSvgMarkup } from '../components/icons.js'

const iconCache = new Map<string, L.DivIcon>()

/** The markup is built only from our own constants (category code → colour and icon), never from place data. */
/** 关怀模式 asks ≥ 60-px tap targets; normal mode 44. */
const careMode = () => document.documentElement.classList.contains('care')

export function categoryIcon(category: string, selected: boolean): L.DivIcon {
  const care = careMode()
  const key = `${category}:${selected}:${care}`
  let icon = iconCache.get(key)
  if (!icon) {
    const code = category in CATEGORY_ICON_PATHS ? category : 'caring_station'
    // ≥ 44 × 44 CSS px: a marker is a tap target.
    const size = (selected ? 8 : 0) + (care ? 60 : 44)
    icon = L.divIcon({
      className: `pin pin-${code}${selected ? ' pin-selected' : ''}`,
      html: iconSvgMarkup(CATEGORY_ICON_PATHS[code]!, selected ? 28 : 22),
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
    // The plugin's own icons are 40 px; a cluster is tapped like a marker, so 44.
    iconCreateFunction: (group) => {
      const n = group.getChildCount()
      const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large'
      return L.divIcon({
        html: `<div><span>${n}</span></div>`,
        className: `marker-cluster marker-cluster-${size}`,
        iconSize: careMode() ? L.point(60, 60) : L.point(44, 44),
      })
    },
  })
}

export const hereIcon = () =>
  L.divIcon({ className: 'here-pin', html: '<span></span>', iconSize: [22, 22], iconAnchor: [11, 11] })
