/**
 * Nearest first, but open first: a worker wants the nearest place that will let them in when they get there.
 * Places open on arrival come first, then those whose hours are unknown, then the ones closed (now or by the
 * time one arrives at the chosen travel speed); each group stays in distance order.
 */
import type { Feature, PlaceSummary } from '../api.js'
import { arrival, statusAt, type TravelMode } from './status-clock.js'

function group(p: PlaceSummary, now: Date, mode: TravelMode): number {
  const s = statusAt(p, now)
  if (s.status !== 'open' || s.likely_closed) return 2
  const a = arrival(s, now, mode)
  if (a) return a.closedOnArrival ? 2 : s.open_now === null ? 1 : 0
  return s.open_now === true ? 0 : s.open_now === null ? 1 : 2
}

export function openFirst(places: Array<Feature<PlaceSummary>>, now: Date, mode: TravelMode): Array<Feature<PlaceSummary>> {
  return places
    .map((f, i) => ({ f, i, g: group(f.properties, now, mode) }))
    .sort((a, b) => a.g - b.g || a.i - b.i)
    .map((x) => x.f)
}
