/**
 * Base-map providers. Which ones are offered is configuration: Tianditu appears only when a key is built in
 * (VITE_TIANDITU_KEY), and VITE_TILES picks the default. `crs` says which datum the tiles are drawn in: on GCJ-02
 * tiles (Amap) every WGS-84 point must be shifted before it is drawn, or markers sit ~500 m off their street.
 */
export type TileCrs = 'wgs84' | 'gcj02'
export interface TileProvider {
  id: string
  label_zh: string
  label_en: string
  /** Leaflet URL templates (a base layer and, for Tianditu, a label layer on top). */
  urls: string[]
  subdomains: string | string[]
  attribution: string
  maxZoom: number
  crs: TileCrs
}

const env = import.meta.env as Record<string, string | undefined>
const TIANDITU_KEY = env.VITE_TIANDITU_KEY ?? ''
/**
 * A map shown to the public in China must carry the basemap's approval number (审图号), which the provider
 * publishes with its licence and renews: configure it with the key (VITE_TIANDITU_GS, VITE_AMAP_GS).
 */
const approval = (gs: string | undefined) => (gs ? ` · 审图号 ${gs}` : '')
/** Amap's tiles are offered only where an Amap licence says so (they are not an open service): VITE_AMAP_TILES=1. */
const AMAP_LICENSED = env.VITE_AMAP_TILES === '1'
const tianditu = (layer: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(TIANDITU_KEY)}`

const ALL_PROVIDERS: TileProvider[] = [
  {
    id: 'osm',
    label_zh: 'OpenStreetMap',
    label_en: 'OpenStreetMap',
    urls: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
    subdomains: 'abc',
    attribution: '© OpenStreetMap contributors',
    maxZoom: 19,
    crs: 'wgs84',
  },
  {
    id: 'tianditu',
    label_zh: '天地图',
    label_en: 'Tianditu',
    urls: [tianditu('vec'), tianditu('cva')],
    subdomains: ['0', '1', '2', '3', '4', '5', '6', '7'],
    attribution: `© 天地图 Tianditu${approval(env.VITE_TIANDITU_GS)}`,
    maxZoom: 18,
    crs: 'wgs84',
  },
  {
    id: 'amap',
    label_zh: '高德地图',
    label_en: 'Amap',
    urls: ['https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}'],
    subdomains: ['1', '2', '3', '4'],
    attribution: `© 高德地图 AutoNavi${approval(env.VITE_AMAP_GS)}`,
    maxZoom: 18,
    crs: 'gcj02',
  },
  {
    id: 'none',
    label_zh: '无底图',
    label_en: 'No base map',
    urls: [],
    subdomains: 'abc',
    attribution: '',
    maxZoom: 19,
    crs: 'wgs84',
  },
]

export const TILE_PROVIDERS = ALL_PROVIDERS.filter(
  (p) => (p.id !== 'tianditu' || TIANDITU_KEY) && (p.id !== 'amap' || AMAP_LICENSED),
)
const STORAGE_KEY = 'waystation.tiles'
/** VITE_TILES if offered; else Tianditu, the approved basemap for China, when its key is set; else OSM. */
export const DEFAULT_TILES =
  TILE_PROVIDERS.find((p) => p.id === env.VITE_TILES) ?? TILE_PROVIDERS.find((p) => p.id === 'tianditu') ?? TILE_PROVIDERS[0]!

export function storedTiles(): TileProvider {
  try {
    return TILE_PROVIDERS.find((p) => p.id === localStorage.getItem(STORAGE_KEY)) ?? DEFAULT_TILES
  } catch {
    return DEFAULT_TILES
  }
}

export function rememberTiles(provider: TileProvider): void {
  try {
    localStorage.setItem(STORAGE_KEY, provider.id)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
