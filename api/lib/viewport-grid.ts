/**
 * The map viewport's grid, as pure functions and constants: the API counts places per cell with it, and the web
 * client groups its offline copy with the same cells (importing this file brings nothing of the server along).
 */

/** From this zoom on, the map shows the places themselves (if no more than STREET_PLACES are in view). */
export const STREET_ZOOM = 17
export const STREET_PLACES = 1000
/** The cell sizes 360 / 2^level whose counts per cell and category are kept (migration 0033): zoom 6 to 14. */
export const CELL_LEVELS = { min: 8, max: 16 } as const
/** The coarser levels among those whose counts per pair of amenities are kept too (migrations 0043, 0044): zoom 6 to 12. */
export const PAIR_LEVELS = { min: 8, max: 14 } as const
/** How many levels finer than its own the kept counts answer for the partial cells along a view's edges. */
export const BAND_LEVELS = 2
/** At most this many grid cells across the box, so no answer grows with the screen or the box sent. */
export const MAX_CELLS_ACROSS = 48

/**
 * Grid cell size in degrees: about 64 screen pixels at this zoom (256-pixel tiles), at least 1/48 of the box,
 * rounded up to 360 / 2^k so cells are the same for every box at a zoom and neighbouring views share them.
 */
export function cellSize(zoom: number, [minLng, minLat, maxLng, maxLat]: readonly number[]): number {
  const byZoom = 360 / 2 ** (zoom + 2)
  const needed = Math.max(byZoom, (maxLng! - minLng!) / MAX_CELLS_ACROSS, (maxLat! - minLat!) / MAX_CELLS_ACROSS, 1e-7)
  return 360 / 2 ** Math.floor(Math.log2(360 / needed))
}
