/** The editable part of a place as the form holds it, and the patch between two such states. */
import type { OpeningHours, PlaceDetail, PlaceStatus } from '../api.js'
import type { PlaceFeature } from './staff-api.js'

export interface EditForm {
  amenities: string[]
  status: PlaceStatus
  status_reason: string
  status_until: string
  phone: string
  description_zh: string
  description_en: string
  opening_hours: OpeningHours | null
  location: [number, number]
}
export type FormField = keyof EditForm
export const FORM_FIELDS: FormField[] = [
  'amenities',
  'status',
  'status_reason',
  'status_until',
  'phone',
  'description_zh',
  'description_en',
  'opening_hours',
  'location',
]

export function formOf(place: PlaceFeature): EditForm {
  const p: PlaceDetail = place.properties
  return {
    amenities: [...p.amenities],
    status: p.status,
    status_reason: p.status_reason ?? '',
    status_until: p.status_until ?? '',
    phone: p.phone ?? '',
    description_zh: p.description_zh ?? '',
    description_en: p.description_en ?? '',
    opening_hours: p.opening_hours,
    location: place.geometry.coordinates,
  }
}

/** Text compared trimmed: the API trims too, so trailing spaces are not a change. */
const norm = (v: unknown) => (typeof v === 'string' ? v.trim() : v)
const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b))
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x))
export const fieldEqual = (field: FormField, a: EditForm, b: EditForm) =>
  field === 'amenities' ? sameSet(a.amenities, b.amenities) : same(a[field], b[field])

/** The fields where `next` differs from `base`, as the API wants them (empty text → null). */
export function patchOf(base: EditForm, next: EditForm): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  for (const field of FORM_FIELDS) {
    if (fieldEqual(field, base, next)) continue
    const value = next[field]
    patch[field] = typeof value === 'string' && value.trim() === '' ? null : value
  }
  return patch
}

/** What someone else changed between the version I edited and the current one. */
export const changedFields = (base: EditForm, current: EditForm) => FORM_FIELDS.filter((f) => !fieldEqual(f, base, current))

export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ')
  return JSON.stringify(value)
}
