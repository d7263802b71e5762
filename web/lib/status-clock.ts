/**
 * Statuses that move with the clock. The API answers "open, closes 23:00" at the moment it was asked; a tab left
 * open must not still say "open" at 23:05. Between fetches the app moves each place past the instants it was
 * given (closes_at, opens_at), and says how it will be on arrival at the chosen travel speed.
 */
import type { PlaceSummary } from '../api.js'

import type { TravelMode } from './navigation-links.js'
export type { TravelMode }
/** km/h: walking, and an e-bike in town (issue 12). */
export const SPEED_KMH: Record<TravelMode, number> = { walk: 4.5, ride: 15 }
/** Streets are not straight lines: road distance ≈ 1.3 × the straight line in a city grid. */
export const DETOUR_FACTOR = 1.3
/** "Closing soon" from this many minutes before closing. */
export const SOON_MINUTES = 30

/** The summary as it stands at `now`: a passed closing time closes it, a passed opening time opens it. */
export function statusAt(p: PlaceSummary, now: Date): PlaceSummary {
  if (p.status !== 'open') return p
  const t = now.getTime()
  if (p.open_now === true && p.closes_at && Date.parse(p.closes_at) <= t)
    return { ...p, open_now: false, closes_at: null, opens_at: null }
  if (p.open_now === false && p.opens_at && Date.parse(p.opens_at) <= t)
    return { ...p, open_now: true, opens_at: null, closes_at: null }
  return p
}

/** True when some place in the list has crossed one of its instants since it was fetched. */
export const hasCrossed = (places: PlaceSummary[], now: Date) => places.some((p) => statusAt(p, now) !== p)

export function travelMinutes(metres: number, mode: TravelMode): number {
  return Math.max(1, Math.round((metres * DETOUR_FACTOR) / 1000 / (SPEED_KMH[mode] / 60)))
}

export interface Arrival {
  at: Date
  /** Open now but closed by the time one gets there (or closed now and still closed then). */
  closedOnArrival: boolean
}

export function arrival(p: PlaceSummary, now: Date, mode: TravelMode): Arrival | null {
  if (p.distance_m === undefined) return null
  const at = new Date(now.getTime() + travelMinutes(p.distance_m, mode) * 60_000)
  const s = statusAt(p, now)
  let closed: boolean
  if (s.status !== 'open') closed = true
  else if (s.open_now === true) closed = s.closes_at !== null && Date.parse(s.closes_at) <= at.getTime()
  else if (s.open_now === false) closed = !(s.opens_at && Date.parse(s.opens_at) <= at.getTime())
  else closed = false
  return { at, closedOnArrival: closed }
}

/** Minutes until closing, when it closes within SOON_MINUTES. */
export function closesSoon(p: PlaceSummary, now: Date): number | null {
  if (p.status !== 'open' || p.open_now !== true || !p.closes_at) return null
  const left = Math.ceil((Date.parse(p.closes_at) - now.getTime()) / 60_000)
  return left > 0 && left <= SOON_MINUTES ? left : null
}
