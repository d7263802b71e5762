/**
 * "Install app" where the browser offers it (Chromium's `beforeinstallprompt`). The offer is caught from the moment
 * this module loads, before the app renders, and the browser's own mini-infobar is held back so the app's button is
 * the one way in. The button goes once the app is installed (`appinstalled`, or opened as an installed app:
 * `display-mode: standalone`) or the person said no to the browser's dialog, which is remembered on this phone.
 */
import { useEffect, useState } from 'preact/hooks'

interface InstallPromptEvent extends Event {
  prompt: () => Promise<unknown>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

const DISMISSED_KEY = 'waystation.installDismissed'
let offer: InstallPromptEvent | null = null
const listeners = new Set<() => void>()
const changed = () => listeners.forEach((listener) => listener())

function dismissedBefore(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1'
  } catch {
    return false
  }
}

export const runsInstalled = () =>
  matchMedia('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true

if (typeof window !== 'undefined') {
  addEventListener('beforeinstallprompt', (event) => {
    if (dismissedBefore() || runsInstalled()) return
    event.preventDefault()
    offer = event as InstallPromptEvent
    changed()
  })
  addEventListener('appinstalled', () => {
    offer = null
    changed()
  })
}

/** The install action while the browser offers one, else null. */
export function useInstallOffer(): (() => Promise<void>) | null {
  const [current, setCurrent] = useState(offer)
  useEffect(() => {
    const update = () => setCurrent(offer)
    listeners.add(update)
    update()
    return () => void listeners.delete(update)
  }, [])
  if (!current) return null
  return async () => {
    // An offer can be used once: the button goes now, whatever the answer.
    offer = null
    changed()
    await current.prompt()
    const { outcome } = await current.userChoice
    if (outcome === 'dismissed')
      try {
        localStorage.setItem(DISMISSED_KEY, '1')
      } catch {
        // Private mode: asked again next visit.
      }
  }
}
