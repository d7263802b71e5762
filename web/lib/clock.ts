/**
 * The time the statuses are computed for. The API says which instant it evaluated a list at (`Evaluated-At`);
 * the app keeps the difference to this phone's clock, so a wrong phone clock (or a test's fixed server clock)
 * does not flip statuses, and "now" still moves on as the minutes pass.
 */
import { useEffect, useState } from 'preact/hooks'
import { watchResponses } from '../api.js'

let offsetMs: number | null = null

/**
 * Called with each API response: the server's instant minus ours. A copy from the browser's HTTP cache carries
 * an older instant, so only the largest difference seen counts (time never runs backwards on the page).
 */
export function noteServerTime(evaluatedAt: string | null): void {
  const server = evaluatedAt ? Date.parse(evaluatedAt) : Number.NaN
  if (!Number.isFinite(server)) return
  const offset = server - Date.now()
  const next = offsetMs === null ? offset : Math.max(offsetMs, offset)
  const moved = offsetMs === null || Math.abs(next - offsetMs) > 1000
  offsetMs = next
  // The first answer (or a clock that moved): every "now" on the page takes the server's time at once.
  if (moved) for (const listener of listeners) listener()
}
const listeners = new Set<() => void>()

export const currentTime = () => new Date(Date.now() + (offsetMs ?? 0))

watchResponses((response) => noteServerTime(response.headers.get('Evaluated-At')))

/** "Now", re-read every minute (on the minute) and whenever the tab comes back into view. */
export function useNow(): Date {
  const [now, setNow] = useState(currentTime)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    const tick = () => {
      setNow(currentTime())
      timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50)
    }
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50)
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        clearTimeout(timer)
        tick()
      }
    }
    document.addEventListener('visibilitychange', onVisible)
    const onOffset = () => setNow(currentTime())
    listeners.add(onOffset)
    return () => {
      listeners.delete(onOffset)
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [])
  return now
}
