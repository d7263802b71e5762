/**
 * Runs `f` when the browser is idle (at the latest after `timeout` ms, if given), or after `fallbackMs` where there is
 * no requestIdleCallback (Safari). Returns a function that cancels it. For first-load work that must not hold up the
 * list's paint or the first tap.
 */
export function whenIdle(f: () => void, { timeout, fallbackMs }: { timeout?: number; fallbackMs: number }): () => void {
  if ('requestIdleCallback' in window) {
    const id = requestIdleCallback(f, timeout === undefined ? undefined : { timeout })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(f, fallbackMs)
  return () => clearTimeout(id)
}
