/**
 * Staff calls. They keep the status, ETag and problem body (web/api.ts `call`): the editor needs the 412 body (the
 * current version) to show what changed, and field errors to put next to the fields.
 */
import type { PlaceHistory, ReportList, StaffAccountSchema, StaffPlaceList } from '../../api/schemas/staff-responses.js'
import type { AccountList, OrganisationList, SessionState } from '../../api/schemas/staff-responses.js'
import { ApiFailure, call, type Answer, type Feature, type PlaceDetail } from '../api.js'

export type Account = Answer<typeof StaffAccountSchema>
export type StaffPlace = Answer<typeof StaffPlaceList>['places'][number]
export type Report = Answer<typeof ReportList>['reports'][number]
export type HistoryEntry = Answer<typeof PlaceHistory>['entries'][number]
export type Organisation = Answer<typeof OrganisationList>['organisations'][number]
export type PlaceFeature = Feature<PlaceDetail>
export type { Answer, FieldConflict, OpeningHours, Problem } from '../api.js'
export { call }
export { ApiFailure }

export const staffApi = {
  session: () => call<Answer<typeof SessionState>>('GET', '/api/v1/session').then((r) => r.data.account),
  signIn: (username: string, password: string) =>
    call<Answer<typeof SessionState>>('POST', '/api/v1/session', { username, password }).then((r) => r.data.account!),
  signOut: () => call<null>('DELETE', '/api/v1/session'),
  myPlaces: () => call<Answer<typeof StaffPlaceList>>('GET', '/api/v1/staff/places').then((r) => r.data),
  place: (id: string) => call<PlaceFeature>('GET', `/api/v1/places/${encodeURIComponent(id)}`),
  patchPlace: (id: string, etag: string, patch: Record<string, unknown>) =>
    call<PlaceFeature>('PATCH', `/api/v1/places/${encodeURIComponent(id)}`, patch, { headers: { 'If-Match': etag } }),
  verify: (id: string) => call<PlaceFeature>('POST', `/api/v1/places/${encodeURIComponent(id)}/verify`),
  deletePlace: (id: string) => call<null>('DELETE', `/api/v1/places/${encodeURIComponent(id)}`),
  restorePlace: (id: string) => call<PlaceFeature>('POST', `/api/v1/places/${encodeURIComponent(id)}/restore`),
  createPlace: (body: Record<string, unknown>) => call<PlaceFeature>('POST', '/api/v1/places', body),
  history: (id: string) =>
    call<Answer<typeof PlaceHistory>>('GET', `/api/v1/places/${encodeURIComponent(id)}/history`).then((r) => r.data.entries),
  reports: (status = 'open') =>
    call<Answer<typeof ReportList>>('GET', `/api/v1/reports?status=${status}`).then((r) => r.data.reports),
  decideReport: (id: string, status: 'resolved' | 'dismissed', note: string) =>
    call('PATCH', `/api/v1/reports/${id}`, { status, note }),
  accounts: () => call<Answer<typeof AccountList>>('GET', '/api/v1/staff/accounts').then((r) => r.data.accounts),
  createAccount: (body: { username: string; role: string; password: string; organisations: string[] }) =>
    call('POST', '/api/v1/staff/accounts', body),
  updateAccount: (id: string, body: Record<string, unknown>) => call('PATCH', `/api/v1/staff/accounts/${id}`, body),
  organisations: () =>
    call<Answer<typeof OrganisationList>>('GET', '/api/v1/staff/organisations').then((r) => r.data.organisations),
}
