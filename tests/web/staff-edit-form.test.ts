import { describe, expect, it } from 'vitest'
import { changedFields, formOf, patchOf } from '../../web/staff/edit-form.js'
import type { PlaceFeature } from '../../web/staff/staff-api.js'

const place = {
  type: 'Feature',
  id: 'cs-1',
  geometry: { type: 'Point', coordinates: [121.55, 29.89] },
  properties: {
    category: 'caring_station',
    name_zh: '驿站',
    name_en: null,
    address_zh: null,
    address_en: null,
    area: null,
    phone: null,
    amenities: ['drinking_water', 'meal_heating'],
    status: 'open',
    status_reason: null,
    status_until: null,
    open_now: true,
    closes_at: null,
    opens_at: null,
    last_verified_at: null,
    description_zh: null,
    description_en: null,
    opening_hours: { weekly: { mo: [['08:00', '20:00']] } },
    organisation: null,
    details: {},
    source: 'test',
    version: 3,
    updated_at: null,
  },
} as PlaceFeature

describe('staff edit form', () => {
  it('sends only the fields that changed, empty text as null', () => {
    const base = formOf(place)
    const next = {
      ...base,
      amenities: ['drinking_water'],
      status: 'temporarily_closed' as const,
      status_reason: '维修',
      phone: '',
    }
    expect(patchOf(base, next)).toEqual({ amenities: ['drinking_water'], status: 'temporarily_closed', status_reason: '维修' })
    expect(patchOf(base, { ...base, status_reason: '  ' })).toEqual({})
  })

  it('treats the same amenities in another order as unchanged', () => {
    const base = formOf(place)
    expect(patchOf(base, { ...base, amenities: ['meal_heating', 'drinking_water'] })).toEqual({})
  })

  it('names the fields someone else changed', () => {
    const base = formOf(place)
    const current = { ...base, phone: '0574-1', opening_hours: { weekly: {} } }
    expect(changedFields(base, current)).toEqual(['phone', 'opening_hours'])
  })
})
