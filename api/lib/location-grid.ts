/**
 * Positions in cacheable URLs are snapped to a 0.002° grid (≈ 220 m north–south, ≈ 190 m east–west in Ningbo),
 * so a shared cache only ever stores "which block", never where someone stands, and everyone in the same cell
 * shares one cached answer. Pure functions: the web client can import them to ask for the grid URL directly.
 */
export const GRID_STEPS_PER_DEGREE = 500

const LOCATION_NUMBER = /^[+-]?\d{1,3}(\.\d+)?$/
const GRID_DECIMALS = 3
const POSITION_PARAMS = new Set(['lat', 'lng', 'bbox'])

function toGrid(value: number, round: (x: number) => number): string {
  // The nudge keeps values already on the grid there despite binary floating point (121.54 * 500 = 60769.99…).
  const steps = value * GRID_STEPS_PER_DEGREE
  const snapped = round(round === Math.ceil ? steps - 1e-6 : steps + 1e-6) / GRID_STEPS_PER_DEGREE
  return String(Number(snapped.toFixed(GRID_DECIMALS)))
}

/** The nearest grid value, as the shortest decimal (`29.8851` → `29.886`). */
export const snapToGrid = (value: number): string => toGrid(value, Math.round)

const sameNumbers = (a: string, b: string) => a.split(',').every((v, i) => Math.abs(Number(v) - Number(b.split(',')[i])) < 1e-9)

/** A bbox grown outwards to grid lines, so the snapped box still covers the whole requested one. */
export function snapBboxOutward(raw: string): string | undefined {
  const parts = raw.split(',')
  if (parts.length !== 4 || !parts.every((p) => LOCATION_NUMBER.test(p))) return undefined
  const [minLng, minLat, maxLng, maxLat] = parts.map(Number) as [number, number, number, number]
  return [toGrid(minLng, Math.floor), toGrid(minLat, Math.floor), toGrid(maxLng, Math.ceil), toGrid(maxLat, Math.ceil)].join(',')
}

/**
 * The same search with `lat`, `lng` and `bbox` on the grid, or `undefined` when the URL already is (or its
 * position is not a number at all, which validation will reject). Parameters keep their order.
 */
export function gridSearchParams(params: URLSearchParams): URLSearchParams | undefined {
  const snapped = new URLSearchParams()
  let changed = false
  for (const [name, value] of params) {
    if (!POSITION_PARAMS.has(name)) {
      snapped.append(name, value)
      continue
    }
    const grid = name === 'bbox' ? snapBboxOutward(value) : LOCATION_NUMBER.test(value) ? snapToGrid(Number(value)) : undefined
    // Not a number at all: leave the whole URL to the route's validation (a 400), do not redirect first.
    if (grid === undefined) return undefined
    const offGrid = !sameNumbers(value, grid)
    changed ||= offGrid
    snapped.append(name, offGrid ? grid : value)
  }
  return changed ? snapped : undefined
}
