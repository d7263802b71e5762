/**
 * How the person travels (walking or e-bike), shared by the list's arrival times and the navigation links,
 * remembered on this phone. E-bike by default: most outdoor workers ride.
 */
import { useEffect, useState } from 'preact/hooks'
import type { TravelMode } from '../lib/navigation-links.js'

const STORAGE_KEY = 'waystation.travel'
const listeners = new Set<(mode: TravelMode) => void>()

function stored(): TravelMode {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'walk' ? 'walk' : 'ride'
  } catch {
    return 'ride'
  }
}
let current: TravelMode = stored()

export function setTravelMode(mode: TravelMode): void {
  current = mode
  try {
    localStorage.setItem(STORAGE_KEY, mode)
  } catch {
    // Private mode: remembered for this page only.
  }
  for (const listener of listeners) listener(mode)
}

export function useTravelMode(): [TravelMode, (mode: TravelMode) => void] {
  const [mode, setMode] = useState(current)
  useEffect(() => {
    listeners.add(setMode)
    return () => void listeners.delete(setMode)
  }, [])
  return [mode, setTravelMode]
}
