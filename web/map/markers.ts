/** Category markers (coloured pins with the category icon) and the count bubbles of the API's clusters. */
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

/**
 * A count bubble, tapped like a marker (≥ 44 px; 60 in 关怀模式). The markup holds only a number, written short
 * past 9,999 ("1.5万", "15K") so it fits; the exact count is the marker's title.
 */
export function clusterIcon(count: number, lang: string): L.DivIcon {
  const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large'
  const px = careMode() ? 60 : 44
  const text = count < 10_000 ? String(Math.trunc(count)) : new Intl.NumberFormat(lang, { notation: 'compact' }).format(count)
  return L.divIcon({
    html: `<div><span>${text}</span></div>`,
    className: `marker-cluster marker-cluster-${size}`,
    iconSize: [px, px],
  })
}

export const hereIcon = () =>
  L.divIcon({ className: 'here-pin', html: '<span></span>', iconSize: [22, 22], iconAnchor: [11, 11] })
