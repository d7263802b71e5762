/**
 * One tap from a place to turn-by-turn directions. Each app wants its own datum: Amap GCJ-02, Baidu BD-09, Apple
 * Maps and `geo:` WGS-84. All links are https web URIs (except `geo:`) because WeChat's browser blocks custom app
 * schemes; the web pages hand over to the installed app when there is one (Amap `callnative=1`).
 */
import { gcjToBd, gcjToWgs, wgsToGcj } from './datums.js'

export type TravelMode = 'walk' | 'ride'
export interface LngLat {
  lng: number
  lat: number
}
export interface Destination extends LngLat {
  name: string
}

const APP_SOURCE = 'waystation.map'
const fixed6 = (x: number) => x.toFixed(6)

export const toGcj02 = (p: LngLat): LngLat => wgsToGcj(p)
export const toBd09 = (p: LngLat): LngLat => gcjToBd(wgsToGcj(p))
export const fromGcj02 = (p: LngLat): LngLat => gcjToWgs(p)

/** Names go inside `|`/`,`-separated parameters, so those characters are dropped from them. */
const safeName = (name: string) => name.replace(/[|,]/g, ' ').slice(0, 60)

/** WeChat's built-in browser: it blocks jumps into other apps (Amap, Baidu, the geo: intent). */
export const inWeChat = (userAgent: string) => /MicroMessenger/i.test(userAgent)

/** `inApp: false`: the web page only (no hand-over to the app, which WeChat would block with an error page). */
export function amapLink(to: Destination, mode: TravelMode, inApp = true): string {
  const p = toGcj02(to)
  const params = new URLSearchParams({
    to: `${fixed6(p.lng)},${fixed6(p.lat)},${safeName(to.name)}`,
    mode: mode === 'walk' ? 'walk' : 'ride',
    coordinate: 'gaode',
    callnative: inApp ? '1' : '0',
    src: APP_SOURCE,
  })
  return `https://uri.amap.com/navigation?${params}`
}

/** With a known start, Baidu's direction page; without one, its marker page (which offers "route here"). */
export function baiduLink(to: Destination, mode: TravelMode, from?: LngLat): string {
  const p = toBd09(to)
  const common = { coord_type: 'bd09ll', output: 'html', src: APP_SOURCE }
  if (!from) {
    const params = new URLSearchParams({
      location: `${fixed6(p.lat)},${fixed6(p.lng)}`,
      title: safeName(to.name),
      content: safeName(to.name),
      ...common,
    })
    return `https://api.map.baidu.com/marker?${params}`
  }
  const start = toBd09(from)
  const params = new URLSearchParams({
    origin: `latlng:${fixed6(start.lat)},${fixed6(start.lng)}|name:start`,
    destination: `latlng:${fixed6(p.lat)},${fixed6(p.lng)}|name:${safeName(to.name)}`,
    mode: mode === 'walk' ? 'walking' : 'riding',
    region: '宁波',
    ...common,
  })
  return `https://api.map.baidu.com/direction?${params}`
}

/** Apple Maps takes WGS-84 and converts for its China data itself. It has no cycling flag in URLs. */
export function appleLink(to: Destination, mode: TravelMode): string {
  const params = new URLSearchParams({ daddr: `${fixed6(to.lat)},${fixed6(to.lng)}`, q: safeName(to.name) })
  if (mode === 'walk') params.set('dirflg', 'w')
  return `https://maps.apple.com/?${params}`
}

/** Android's generic intent: any installed map app offers itself. */
export function geoLink(to: Destination): string {
  return `geo:${fixed6(to.lat)},${fixed6(to.lng)}?q=${fixed6(to.lat)},${fixed6(to.lng)}(${encodeURIComponent(safeName(to.name))})`
}

/** What to paste into any map app: the address and the WGS-84 and GCJ-02 coordinates. */
export function copyText(to: Destination, address: string): string {
  const g = toGcj02(to)
  return [to.name, address, `WGS-84: ${fixed6(to.lat)},${fixed6(to.lng)}`, `GCJ-02: ${fixed6(g.lat)},${fixed6(g.lng)}`]
    .filter(Boolean)
    .join('\n')
}
