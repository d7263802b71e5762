/**
 * The view state lives in the URL. `go` pushes a history entry (a new view the back button can return from);
 * `{ replace: true }` rewrites the current one (map pans, typing). Back/forward re-read the URL.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { parseViewState, serializeViewState, type ViewState } from '../lib/view-state.js'

export type Go = (patch: Partial<ViewState>, options?: { replace?: boolean }) => void

export function useViewState(): [ViewState, Go] {
  const [state, setState] = useState(() => parseViewState(location.search))
  const current = useRef(state)
  current.current = state

  useEffect(() => {
    const onPop = () => setState(parseViewState(location.search))
    addEventListener('popstate', onPop)
    return () => removeEventListener('popstate', onPop)
  }, [])

  const go = useCallback<Go>((patch, options = {}) => {
    const next = { ...current.current, ...patch }
    const url = `${location.pathname}${serializeViewState(next)}`
    if (url !== `${location.pathname}${location.search}`) {
      if (options.replace) history.replaceState(null, '', url)
      else history.pushState(null, '', url)
    }
    current.current = next
    setState(next)
  }, [])

  return [state, go]
}
