import { sql, type RawBuilder } from 'kysely'

/**
 * "Inside minLng,minLat,maxLng,maxLat" for a geography column, for any box a caller may send (the whole world
 * included). The exact test compares longitude and latitude. The index prefilter (`&&` with an envelope cast to
 * geography) is only added where it is correct: a geography envelope's edges are great circles, so a box wider
 * than half the globe wraps the wrong way round and a pole-to-pole edge is refused outright ("antipodal edge").
 * Its east–west edges bow towards the pole, so the envelope is widened in latitude by more than that bow.
 */
export function insideBbox(
  column: RawBuilder<unknown>,
  [minLng, minLat, maxLng, maxLat]: readonly [number, number, number, number],
  /** Columns holding the same longitude and latitude as numbers (place.lng/lat, migration 0031): cheaper to read. */
  lngLat?: { lng: RawBuilder<unknown>; lat: RawBuilder<unknown> },
) {
  const lng = lngLat?.lng ?? sql`ST_X(${column}::geometry)`
  const lat = lngLat?.lat ?? sql`ST_Y(${column}::geometry)`
  const exact = sql<boolean>`(${lng} BETWEEN ${minLng} AND ${maxLng} AND ${lat} BETWEEN ${minLat} AND ${maxLat})`
  const width = maxLng - minLng
  // Great-circle bow of an edge `width` degrees long is below width²/720 degrees at any latitude; twice that, plus a hair.
  const margin = (width * width) / 360 + 1e-6
  const south = minLat - margin
  const north = maxLat + margin
  if (width > 90 || south <= -89 || north >= 89) return exact
  return sql<boolean>`(${column} && ST_MakeEnvelope(${minLng - 1e-6}, ${south}, ${maxLng + 1e-6}, ${north}, 4326)::geography AND ${exact})`
}
