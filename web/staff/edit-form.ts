/** The editable part of a place as the form holds it, and the patch between two such states. */
import type { Access, AmenityOutage, OpeningHours, PlaceDetail, PlaceStatus } from '../api.js'
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
  staffed_hours: OpeningHours | null
  access: Access | null
  amenity_status: Partial<Record<string, AmenityOutage>>
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
  'staffed_hours',
  'access',
  'amenity_status',
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
    staffed_hours: p.staffed_hours ?? null,
    access: p.access ?? null,
    amenity_status: p.amenity_status ?? {},
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

/**
 * After a 412: the form on top of the current version. Every field I changed keeps my value; every other field
 * takes the current one (so what others saved shows, and is never sent back).
 */
export function rebase(base: EditForm, mine: EditForm, current: EditForm): EditForm {
  const next: EditForm = { ...current }
  for (const field of FORM_FIELDS) if (!fieldEqual(field, base, mine)) copyField(next, mine, field)
  return next
}

/** One field's value from `from` onto `to` (the same key on both sides, so the value's type fits). */
function copyField<K extends FormField>(to: EditForm, from: EditForm, field: K) {
  to[field] = from[field]
}
const isFormField = (field: string): field is FormField => (FORM_FIELDS as readonly string[]).includes(field)

/** Puts the current value back into the form for the given fields ("use theirs"). */
export function takeCurrent(form: EditForm, current: EditForm, fields: string[]): EditForm {
  const next: EditForm = { ...form }
  for (const field of fields) if (isFormField(field)) copyField(next, current, field)
  return next
}
