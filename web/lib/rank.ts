/**
 * Nearest first, but open first: a worker wants the nearest place that will let them in. Places open now come
 * first, then those whose hours are unknown, then closed ones; each group stays in distance order.
 */
import type { Feature, PlaceSummary } from '../api.js'

const group = (p: PlaceSummary) => (p.status !== 'open' || p.open_now === false ? 2 : p.open_now === null ? 1 : 0)

export function openFirst(places: Array<Feature<PlaceSummary>>): Array<Feature<PlaceSummary>> {
  return places
    .map((f, i) => ({ f, i }))
    .sort((a, b) => group(a.f.properties) - group(b.f.properties) || a.i - b.i)
    .map((x) => x.f)
}
