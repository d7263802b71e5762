import { describe, expect, it } from 'vitest'
import { changedFields, formOf, patchOf, rebase, takeCurrent } from '../../web/staff/edit-form.js'
import { copyDay, nextFreeDate } from '../../web/staff/hours-editor.js'
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
    amenity_status: {},
    likely_closed: false,
    staffing_now: null,
    access: null,
    confirmations: null,
    last_verified_at: null,
    description_zh: null,
    description_en: null,
    opening_hours: { weekly: { mo: [['08:00', '20:00']] } },
    staffed_hours: null,
    week: null,
    organisation: null,
    details: {},
    source: 'test',
    version: 3,
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  },
} satisfies PlaceFeature

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

  it('after a conflict keeps my edits on top of the current version and sends only them again', () => {
    const base = formOf(place)
    const mine = { ...base, phone: '0574-8888', amenities: ['drinking_water', 'meal_heating', 'toilet'] }
    const current = { ...base, status: 'temporarily_closed' as const, status_reason: '装修', phone: '0574-7777' }
    const next = rebase(base, mine, current)
    expect(next).toMatchObject({ status: 'temporarily_closed', status_reason: '装修', phone: '0574-8888' })
    expect(patchOf(current, next)).toEqual({ phone: '0574-8888', amenities: ['drinking_water', 'meal_heating', 'toilet'] })
    expect(patchOf(current, takeCurrent(next, current, ['phone']))).toEqual({
      amenities: ['drinking_water', 'meal_heating', 'toilet'],
    })
  })
})

describe('staff hours editor helpers', () => {
  it('copies a day to the weekdays or to every day', () => {
    const hours = {
      weekly: {
        mo: [
          ['08:00', '12:00'],
          ['14:00', '18:00'],
        ] as [string, string][],
        sa: [['09:00', '12:00']] as [string, string][],
      },
    }
    const weekdays = copyDay(hours, 'mo', ['mo', 'tu', 'we', 'th', 'fr'])
    expect(weekdays.weekly.fr).toEqual(hours.weekly.mo)
    expect(weekdays.weekly.sa).toEqual([['09:00', '12:00']])
    expect(copyDay(hours, 'sa', ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']).weekly.mo).toEqual([['09:00', '12:00']])
  })
  it("starts a new exception on today's date in Shanghai, not UTC", () => {
    // 20:00 UTC on 30 September is already 1 October in Shanghai.
    expect(nextFreeDate([], new Date('2026-09-30T20:00:00Z'))).toBe('2026-10-01')
    expect(nextFreeDate([{ date: '2026-10-01' }], new Date('2026-09-30T20:00:00Z'))).toBe('2026-10-02')
  })
})
