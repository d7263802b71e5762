import fc from 'fast-check'

/** A value on the API's 0.002° location grid: `from` plus 0 to `steps` grid steps. */
const gridValue = (from: number, steps: number) =>
  fc.integer({ min: 0, max: steps }).map((n) => Number((from + n * 0.002).toFixed(3)))

/**
 * Boxes on the 0.002° location grid (so no endpoint redirects them), as `minLng,minLat,maxLng,maxLat`: the corner
 * within `steps` grid steps of (`lng`, `lat`), the size `cells` grid steps each way.
 */
export function gridBoxes(
  corner: { lng: number; lat: number; steps: readonly [number, number] },
  cells: { min: number; max: number },
) {
  return fc
    .tuple(gridValue(corner.lng, corner.steps[0]), gridValue(corner.lat, corner.steps[1]), fc.integer(cells), fc.integer(cells))
    .map(([lng, lat, w, h]) => [lng, lat, Number((lng + w * 0.002).toFixed(3)), Number((lat + h * 0.002).toFixed(3))].join(','))
}
