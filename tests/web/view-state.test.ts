import { describe, expect, it } from 'vitest'
import { EMPTY_VIEW, parseViewState, serializeViewState, type ViewState } from '../../web/lib/view-state.js'

describe('view state in the URL', () => {
  it('round-trips every part of a view', () => {
    const view: ViewState = {
      place: 'cs-waitan-01',
      categories: ['caring_station', 'clinic'],
      amenities: ['drinking_water', 'meal_heating'],
      openNow: true,
      q: '人民路',
      here: { lat: 29.8888, lng: 121.5532, from: 'gps' },
      radius: 10_000,
      map: { zoom: 15, lat: 29.8888, lng: 121.5532 },
    }
    expect(parseViewState(serializeViewState(view))).toEqual(view)
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
