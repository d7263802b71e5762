/**
 * WGS-84 → GCJ-02 (Amap) → BD-09 (Baidu), and GCJ-02 back to WGS-84, in under a kilobyte instead of a 3.5 KB
 * library on the first screen. The published formulas, as gcoord implements them (tests/web/datums.test.ts
 * checks they agree); the inverse by fixed-point iteration.
 */
export interface LngLat {
  lng: number
  lat: number
}

const A = 6378245
const EE = 0.006693421622965943
const outOfChina = ({ lng, lat }: LngLat) => lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271

function delta({ lng, lat }: LngLat): LngLat {
  const x = lng - 105
  const y = lat - 35
  const pi = Math.PI
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  dLat += ((20 * Math.sin(6 * x * pi) + 20 * Math.sin(2 * x * pi)) * 2) / 3
  dLat += ((20 * Math.sin(y * pi) + 40 * Math.sin((y / 3) * pi)) * 2) / 3
  dLat += ((160 * Math.sin((y / 12) * pi) + 320 * Math.sin((y * pi) / 30)) * 2) / 3
  let dLng = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  dLng += ((20 * Math.sin(6 * x * pi) + 20 * Math.sin(2 * x * pi)) * 2) / 3
  dLng += ((20 * Math.sin(x * pi) + 40 * Math.sin((x / 3) * pi)) * 2) / 3
  dLng += ((150 * Math.sin((x / 12) * pi) + 300 * Math.sin((x / 30) * pi)) * 2) / 3
  const radLat = (lat / 180) * pi
  const magic = 1 - EE * Math.sin(radLat) ** 2
  const sqrtMagic = Math.sqrt(magic)
  return {
    lat: (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * pi),
    lng: (dLng * 180) / ((A / sqrtMagic) * Math.cos(radLat) * pi),
  }
}

export function wgsToGcj(p: LngLat): LngLat {
  if (outOfChina(p)) return p
  const d = delta(p)
  return { lng: p.lng + d.lng, lat: p.lat + d.lat }
}

export function gcjToWgs(p: LngLat): LngLat {
  if (outOfChina(p)) return p
  let guess = p
  for (let i = 0; i < 6; i++) {
    const shifted = wgsToGcj(guess)
    guess = { lng: guess.lng - (shifted.lng - p.lng), lat: guess.lat - (shifted.lat - p.lat) }
  }
  return guess
}

const X_PI = (Math.PI * 3000) / 180

export function gcjToBd(p: LngLat): LngLat {
  const z = Math.sqrt(p.lng * p.lng + p.lat * p.lat) + 0.00002 * Math.sin(p.lat * X_PI)
  const theta = Math.atan2(p.lat, p.lng) + 0.000003 * Math.cos(p.lng * X_PI)
  return { lng: z * Math.cos(theta) + 0.0065, lat: z * Math.sin(theta) + 0.006 }
}
