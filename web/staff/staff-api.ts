/**
 * Staff API client. Unlike the public getJson it keeps the status, ETag and problem body: the editor needs the
 * 412 body (the current version) to show what changed, and field errors to put next to the fields.
 */
import type { Feature, OpeningHours, PlaceDetail, PlaceStatus } from '../api.js'

export interface Account {
  id: string
  username: string
  role: 'admin' | 'editor'
  organisations: string[]
  disabled_at: string | null
}
export interface StaffPlace {
  id: string
  category: string
  name_zh: string
  name_en: string | null
  organisation_id: string | null
  status: PlaceStatus
  version: number
  last_verified_at: string | null
  deleted_at: string | null
  lng: number
  lat: number
  open_reports: number
  stale: boolean
}
export interface Report {
  id: string
  place_id: string
  place_name_zh: string
  place_name_en: string | null
  kind: string
  amenity: string | null
  message: string
  status: 'open' | 'resolved' | 'dismissed'
  created_at: string
  handled_by: string | null
  handling_note: string | null
}
export interface HistoryEntry {
  id: string
  at: string
  username: string
  action: string
  /** null for a decision on a problem report (the place itself did not change). */
  version: number | null
  changes: Record<string, { before: unknown; after: unknown }>
}
/** A field of an edit that someone else changed too (412): the value I started from, theirs now, and mine. */
export interface FieldConflict {
  field: string
  base: unknown
  base_known: boolean
  current: unknown
  yours: unknown
}
export interface Problem {
  status: number
  detail: string
  errors?: { field: string; message: string }[]
  current?: Feature<PlaceDetail>
  conflicts?: FieldConflict[]
  /** The ETag of `current` (412). */
  etag?: string | null
  /** Seconds to wait (429). */
  retry_after?: number
}
export type PlaceFeature = Feature<PlaceDetail>
export type { OpeningHours }

export class StaffFailure extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail)
  }
}

export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ data: T; etag: string | null }> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch {
    throw new StaffFailure({ status: 0, detail: 'network' })
  }
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as Partial<Problem>
    throw new StaffFailure({
      ...problem,
      status: res.status,
      detail: problem.detail ?? res.statusText,
      etag: res.headers.get('etag'),
    })
  }
  const data = (res.status === 204 ? null : await res.json()) as T
  return { data, etag: res.headers.get('etag') }
}

export const staffApi = {
  session: () => call<{ account: Account | null }>('GET', '/api/v1/session').then((r) => r.data.account),
  signIn: (username: string, password: string) =>
    call<{ account: Account }>('POST', '/api/v1/session', { username, password }).then((r) => r.data.account),
  signOut: () => call<null>('DELETE', '/api/v1/session'),
  myPlaces: () => call<{ places: StaffPlace[]; stale_after_days: number }>('GET', '/api/v1/staff/places').then((r) => r.data),
  place: (id: string) => call<PlaceFeature>('GET', `/api/v1/places/${encodeURIComponent(id)}`),
  patchPlace: (id: string, etag: string, patch: Record<string, unknown>) =>
    call<PlaceFeature>('PATCH', `/api/v1/places/${encodeURIComponent(id)}`, patch, { 'If-Match': etag }),
  verify: (id: string) => call<PlaceFeature>('POST', `/api/v1/places/${encodeURIComponent(id)}/verify`),
  deletePlace: (id: string) => call<null>('DELETE', `/api/v1/places/${encodeURIComponent(id)}`),
  restorePlace: (id: string) => call<PlaceFeature>('POST', `/api/v1/places/${encodeURIComponent(id)}/restore`),
  createPlace: (body: Record<string, unknown>) => call<PlaceFeature>('POST', '/api/v1/places', body),
  history: (id: string) =>
    call<{ entries: HistoryEntry[] }>('GET', `/api/v1/places/${encodeURIComponent(id)}/history`).then((r) => r.data.entries),
  reports: (status = 'open') =>
    call<{ reports: Report[] }>('GET', `/api/v1/reports?status=${status}`).then((r) => r.data.reports),
  decideReport: (id: string, status: 'resolved' | 'dismissed', note: string) =>
    call('PATCH', `/api/v1/reports/${id}`, { status, note }),
  accounts: () => call<{ accounts: Account[] }>('GET', '/api/v1/staff/accounts').then((r) => r.data.accounts),
  createAccount: (body: { username: string; role: string; password: string; organisations: string[] }) =>
    call('POST', '/api/v1/staff/accounts', body),
  updateAccount: (id: string, body: Record<string, unknown>) => call('PATCH', `/api/v1/staff/accounts/${id}`, body),
  organisations: () =>
    call<{ organisations: { id: string; name_zh: string; name_en: string | null }[] }>('GET', '/api/v1/staff/organisations').then(
      (r) => r.data.organisations,
    ),
}
