import { describe, expect, it } from 'vitest'
import { EMPTY_VIEW, gridHere, parseViewState, serializeViewState, type ViewState } from '../../web/lib/view-state.js'

describe('view state in the URL', () => {
  it('round-trips every part of a view', () => {
    const view: ViewState = {
      place: 'cs-waitan-01',
      categories: ['caring_station', 'clinic'],
      amenities: ['drinking_water', 'meal_heating'],
      openNow: true,
      q: '人民路',
      here: { lat: 29.888, lng: 121.554, from: 'gps' },
      radius: 10_000,
      map: { zoom: 15, lat: 29.8888, lng: 121.5532 },
    }
    expect(parseViewState(serializeViewState(view))).toEqual(view)
  })

  it('never writes "here" finer than the API grid (0.002°), however precise the phone was', () => {
    const search = serializeViewState({ ...EMPTY_VIEW, here: { lat: 29.88881, lng: 121.55323, from: 'gps' } })
    expect(search).toBe('?here=29.888,121.554,gps')
    expect(gridHere(29.88881, 121.55323, 'gps')).toEqual({ lat: 29.888, lng: 121.554, from: 'gps' })
    // A hand-made precise link is read onto the grid as well.
    expect(parseViewState('?here=29.88881,121.55323,map').here).toEqual({ lat: 29.888, lng: 121.554, from: 'map' })
  })

  it('writes nothing for the default view and reads defaults from an empty URL', () => {
    expect(serializeViewState(EMPTY_VIEW)).toBe('')
    expect(parseViewState('')).toEqual(EMPTY_VIEW)
  })

  it('remembers "the whole district" as r=all', () => {
    const search = serializeViewState({ ...EMPTY_VIEW, radius: null })
    expect(search).toBe('?r=all')
    expect(parseViewState(search).radius).toBeNull()
  })

  it('ignores values a hand-edited URL gets wrong', () => {
    const view = parseViewState('?place=<script>&category=clinic,DROP%20TABLE&here=999,1&map=40/0/0&r=-5')
    expect(view.place).toBeNull()
    expect(view.categories).toEqual(['clinic'])
    expect(view.here).toBeNull()
    expect(view.map).toBeNull()
    expect(view.radius).toBe(EMPTY_VIEW.radius)
  })
})
