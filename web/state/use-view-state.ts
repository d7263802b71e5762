/**
 * The view state lives in the URL, which preact-iso's router owns. `go` pushes a history entry (a new view the back
 * button can return from); `{ replace: true }` rewrites the current one (map pans, typing). Back/forward change the
 * router's URL, and the view is parsed from it again.
 */
import { useLocation } from 'preact-iso/router'
import { useCallback, useReducer, useRef } from 'preact/hooks'
import { parseViewState, serializeViewState, type ViewState } from '../lib/view-state.js'

export type Go = (patch: Partial<ViewState>, options?: { replace?: boolean }) => void

const searchOf = (url: string) => (url.includes('?') ? url.slice(url.indexOf('?')) : '')

export function useViewState(): [ViewState, Go] {
  const { url, route } = useLocation()
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  // The view of the URL this hook last wrote (kept as given: the URL rounds the map position) or last read.
  const current = useRef<{ url: string; view: ViewState } | null>(null)
  if (current.current?.url !== url) current.current = { url, view: parseViewState(searchOf(url)) }
  // `route` is new with every URL; `go` stays the same function for the page's lifetime.
  const navigate = useRef(route)
  navigate.current = route

  const go = useCallback<Go>((patch, options = {}) => {
    const view = { ...current.current!.view, ...patch }
    const target = `${location.pathname}${serializeViewState(view)}`
    current.current = { url: target, view }
    if (target !== `${location.pathname}${location.search}`) navigate.current(target, options.replace)
    rerender(undefined)
  }, [])

  return [current.current.view, go]
}
