/**
 * Where the map's markers go on screen, so that each one is a whole tap target: no marker lies under another, under
 * one of the map's own controls (zoom buttons, legend, tile notice, attribution) or past the map's edge.
 *
 * The API's count bubbles sit at the mean of a grid cell, so two neighbouring cells' bubbles (or a bubble and a
 * lone place) can land a few pixels apart. Markers that would overlap are counted together into one bubble, as a
 * cluster plugin does by pixel distance; a marker that would sit under a control or past the edge is moved just
 * clear of it (the open place, drawn on top, stays where it is and the others move or merge around it).
 * Pure geometry in container pixels: the map view converts to and from coordinates.
 */

export interface Rect {
  left: number
  top: number
  right: number
  bottom: number
}

export interface Point {
  x: number
  y: number
}

/** A marker to place: a count bubble (count ≥ 2) or one place (count 1, with its id). */
export interface Candidate extends Point {
  count: number
  id?: string
}

/** A marker as drawn: a lone place keeps its id; merged markers become a bubble of their summed count. */
export interface Placed extends Point {
  count: number
  id?: string
  /** The count-weighted mean of what it stands for (a bubble zooms in there). */
  centre: Point
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
const box = (p: Point, size: number): Rect => ({
  left: p.x - size / 2,
  top: p.y - size / 2,
  right: p.x + size / 2,
  bottom: p.y + size / 2,
})

/** The step (CSS px) of the search for a clear spot. */
const STEP = 4

/**
 * The nearest spot to `p` where a `size` box is inside `bounds` and clear of every rect in `blocked`, or null
 * (a map so small or so covered that there is none).
 */
function nearestClear(p: Point, size: number, blocked: Rect[], bounds: Rect, reach = Infinity): Point | null {
  const half = size / 2
  const free = (q: Point) =>
    q.x - half >= bounds.left &&
    q.x + half <= bounds.right &&
    q.y - half >= bounds.top &&
    q.y + half <= bounds.bottom &&
    !blocked.some((r) => overlaps(box(q, size), r))
  if (free(p)) return p
  const limit = Math.min(reach, Math.max(bounds.right - bounds.left, bounds.bottom - bounds.top))
  // Square rings around p, nearest first by straight-line distance within a ring's reach.
  for (let ring = STEP; ring <= limit; ring += STEP) {
    const spots: Point[] = []
    for (let d = -ring; d <= ring; d += STEP)
      spots.push(
        { x: p.x + d, y: p.y - ring },
        { x: p.x + d, y: p.y + ring },
        { x: p.x - ring, y: p.y + d },
        { x: p.x + ring, y: p.y + d },
      )
    spots.sort((a, b) => Math.hypot(a.x - p.x, a.y - p.y) - Math.hypot(b.x - p.x, b.y - p.y))
    const found = spots.find(free)
    if (found) return found
  }
  return null
}

/** Keeps a `size` box at `p` inside `bounds` (a map smaller than a marker keeps it centred). */
function within(p: Point, size: number, bounds: Rect): Point {
  const half = size / 2
  const clamp = (v: number, lo: number, hi: number) => (lo > hi ? (lo + hi) / 2 : Math.min(Math.max(v, lo), hi))
  return { x: clamp(p.x, bounds.left + half, bounds.right - half), y: clamp(p.y, bounds.top + half, bounds.bottom - half) }
}

export function declutter(
  candidates: Candidate[],
  options: {
    /** A marker's box (CSS px): 44, or 60 in 关怀模式. */
    size: number
    /** The map's own box (0, 0, width, height). */
    bounds: Rect
    /** Controls drawn over the map. */
    obstacles: Rect[]
    /** The open place's box: drawn on top, never moved; others keep clear of it. */
    fixed?: Rect | null
  },
): Placed[] {
  const { size, bounds } = options
  const blocked = [...options.obstacles, ...(options.fixed ? [options.fixed] : [])]
  const placed: Placed[] = []
  // The biggest bubbles first: they keep their spot and the small ones join them.
  const order = [...candidates].sort((a, b) => b.count - a.count || a.x - b.x || a.y - b.y)
  for (const c of order) {
    const clear = nearestClear(within(c, size, bounds), size, blocked, bounds)
    const p = clear ?? within(c, size, bounds)
    // Nowhere clear of the controls: counted into the nearest marker already drawn (if there is one).
    const nearest = () =>
      placed.reduce<Placed | undefined>(
        (best, q) => (!best || Math.hypot(q.x - p.x, q.y - p.y) < Math.hypot(best.x - p.x, best.y - p.y) ? q : best),
        undefined,
      )
    const onto = placed.find((q) => overlaps(box(p, size), box(q, size))) ?? (clear ? undefined : nearest())
    // A lone place beside another marker steps aside (at most one marker's width), as a cluster plugin's spread
    // does, rather than disappearing into a bubble: at street zoom neighbours stay places.
    if (onto && c.count === 1) {
      const aside = nearestClear(p, size, [...blocked, ...placed.map((q) => box(q, size))], bounds, size)
      if (aside) {
        placed.push({ x: aside.x, y: aside.y, count: 1, ...(c.id ? { id: c.id } : {}), centre: { x: c.x, y: c.y } })
        continue
      }
    }
    if (onto) {
      const count = onto.count + c.count
      onto.centre = {
        x: (onto.centre.x * onto.count + c.x * c.count) / count,
        y: (onto.centre.y * onto.count + c.y * c.count) / count,
      }
      onto.count = count
      delete onto.id
    } else placed.push({ x: p.x, y: p.y, count: c.count, ...(c.id ? { id: c.id } : {}), centre: { x: c.x, y: c.y } })
  }
  return placed
}
