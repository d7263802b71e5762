/**
 * One tap from a place to turn-by-turn directions. Each app wants its own datum: Amap GCJ-02, Baidu BD-09, Apple
 * Maps and `geo:` WGS-84. All links are https web URIs (except `geo:`) because WeChat's browser blocks custom app
 * schemes; the web pages hand over to the installed app when there is one (Amap `callnative=1`).
 */
import gcoordPackage from 'gcoord'

/** gcoord ships CommonJS types: under NodeNext its default import is the module object, under Vite the API itself. */
const gcoord = ('default' in gcoordPackage ? gcoordPackage.default : gcoordPackage) as typeof gcoordPackage.default

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

export function toGcj02({ lng, lat }: LngLat): LngLat {
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02)
  return { lng: x, lat: y }
}

export function toBd09({ lng, lat }: LngLat): LngLat {
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09)
  return { lng: x, lat: y }
}

export function fromGcj02({ lng, lat }: LngLat): LngLat {
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84)
  return { lng: x, lat: y }
}

/** Names go inside `|`/`,`-separated parameters, so those characters are dropped from them. */
const safeName = (name: string) => name.replace(/[|,]/g, ' ').slice(0, 60)

export function amapLink(to: Destination, mode: TravelMode): string {
  const p = toGcj02(to)
  const params = new URLSearchParams({
    to: `${fixed6(p.lng)},${fixed6(p.lat)},${safeName(to.name)}`,
    mode: mode === 'walk' ? 'walk' : 'ride',
    coordinate: 'gaode',
    callnative: '1',
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
