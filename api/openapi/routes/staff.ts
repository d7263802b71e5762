import { z } from 'zod'
import { PlaceDetailFeature } from '../../schemas/place-feature.js'
import { NewPlaceBody, PlacePatch } from '../../schemas/place-edit.js'
import { PlaceId } from '../../schemas/place-record.js'
import { NewReportBody, ReportDecisionBody, ReportListQuery } from '../../schemas/reports.js'
import {
  AccountList,
  AccountResult,
  OrganisationList,
  PlaceHistory,
  ReportCreated,
  ReportDecided,
  ReportList,
  SessionState,
  StaffPlaceList,
} from '../../schemas/staff-responses.js'
import { AccountChangeBody, NewAccountBody, SignIn } from '../../schemas/staff.js'
import { defineRoutes, json, problem, type ResponseSpec } from '../registry.js'

/** Sign-in, staff editing, history and problem reports (api/routes/staff-api.ts). */
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': schema } })
const id = z.object({ id: PlaceId })
const staff = ['staffSession']
const denied = {
  401: problem('Not signed in'),
  403: problem('Not allowed (other organisation, not an admin, or a cross-origin write)'),
}
const bad = {
  400: problem('Invalid JSON'),
  413: problem('Body over 1 MB'),
  415: problem('Not application/json'),
  422: problem('Invalid fields'),
}
const etagged = (description: string): ResponseSpec => ({
  ...json(description, PlaceDetailFeature),
  headers: { ETag: { description: 'The new version' } },
})
const ifMatch = (required: boolean) => ({
  'If-Match': {
    description: 'ETag of the version edited (weak `W/` tags too); only its version part is compared',
    required,
  },
})
const stale = {
  412: problem(
    'A field you sent was changed by someone else since that ETag: `conflicts` [{field, base, base_known, current, yours}], `current_version`, `current` (the place now) and its ETag. Fields nobody changed are merged, not refused.',
  ),
}

export const staffRouteSpecs = defineRoutes([
  {
    method: 'post',
    path: '/api/v1/session',
    operationId: 'signIn',
    summary: 'Sign in (sets an HttpOnly cookie)',
    tags: ['staff'],
    body: body(SignIn),
    responses: {
      201: json('Signed in', SessionState),
      401: problem('Wrong username or password'),
      429: problem('Too many failures; Retry-After says when'),
      ...bad,
    },
  },
  {
    method: 'get',
    path: '/api/v1/session',
    operationId: 'getSession',
    summary: 'Who is signed in (account null if nobody)',
    tags: ['staff'],
    responses: { 200: json('Session', SessionState) },
  },
  {
    method: 'delete',
    path: '/api/v1/session',
    operationId: 'signOut',
    summary: 'Sign out (revokes the token)',
    tags: ['staff'],
    responses: { 204: { description: 'Signed out' } },
  },
  {
    method: 'post',
    path: '/api/v1/places',
    operationId: 'createPlace',
    summary: 'Create a place (admin)',
    tags: ['staff'],
    security: staff,
    body: body(NewPlaceBody),
    responses: { 201: etagged('Created'), ...denied, 409: problem('Id taken'), ...bad },
  },
  {
    method: 'patch',
    path: '/api/v1/places/:id',
    operationId: 'updatePlace',
    summary: 'Edit a place (editor of its organisation, or admin)',
    tags: ['staff'],
    security: staff,
    params: id,
    headers: ifMatch(true),
    body: body(PlacePatch),
    responses: {
      200: etagged('Updated'),
      ...denied,
      404: problem('No such place'),
      ...stale,
      428: problem('If-Match missing or malformed'),
      ...bad,
    },
  },
  {
    method: 'delete',
    path: '/api/v1/places/:id',
    operationId: 'deletePlace',
    summary: 'Soft-delete a place (admin)',
    tags: ['staff'],
    security: staff,
    params: id,
    headers: ifMatch(false),
    responses: {
      204: { description: 'Deleted (hidden from the public API)' },
      ...denied,
      404: problem('No such place'),
      ...stale,
    },
  },
  {
    method: 'post',
    path: '/api/v1/places/:id/restore',
    operationId: 'restorePlace',
    summary: 'Restore a deleted place (admin)',
    tags: ['staff'],
    security: staff,
    params: id,
    headers: ifMatch(false),
    responses: { 200: etagged('Restored'), ...denied, 404: problem('No such place'), 409: problem('Not deleted'), ...stale },
  },
  {
    method: 'post',
    path: '/api/v1/places/:id/verify',
    operationId: 'verifyPlace',
    summary: 'Confirm the place is still accurate',
    tags: ['staff'],
    security: staff,
    params: id,
    headers: ifMatch(false),
    responses: { 200: etagged('Verified'), ...denied, 404: problem('No such place'), ...stale },
  },
  {
    method: 'get',
    path: '/api/v1/places/:id/history',
    operationId: 'placeHistory',
    summary: 'Audit history of a place',
    tags: ['staff'],
    security: staff,
    params: id,
    responses: { 200: json('History', PlaceHistory), ...denied, 404: problem('No such place') },
  },
  {
    method: 'post',
    path: '/api/v1/places/:id/reports',
    operationId: 'reportProblem',
    summary: 'Report a problem (no account; rate limited)',
    tags: ['reports'],
    params: id,
    body: body(NewReportBody),
    responses: {
      201: json('Report received', ReportCreated),
      404: problem('No such place'),
      429: problem('Too many reports'),
      ...bad,
    },
  },
  {
    method: 'get',
    path: '/api/v1/reports',
    operationId: 'listReports',
    summary: 'Report inbox (own organisations; admins all)',
    tags: ['reports'],
    security: staff,
    query: ReportListQuery,
    responses: { 200: json('Reports, newest first', ReportList), 401: problem('Not signed in') },
  },
  {
    method: 'patch',
    path: '/api/v1/reports/:id',
    operationId: 'decideReport',
    summary: 'Resolve or dismiss a report',
    tags: ['reports'],
    security: staff,
    body: body(ReportDecisionBody),
    responses: {
      200: json('Decided', ReportDecided),
      ...denied,
      404: problem('No such report'),
      409: problem('Already handled'),
      ...bad,
    },
  },
  {
    method: 'get',
    path: '/api/v1/staff/places',
    operationId: 'myPlaces',
    summary: 'Places I look after',
    tags: ['staff'],
    security: staff,
    responses: { 200: json('Places', StaffPlaceList), 401: problem('Not signed in') },
  },
  {
    method: 'get',
    path: '/api/v1/staff/organisations',
    operationId: 'listOrganisations',
    summary: 'Organisations',
    tags: ['staff'],
    security: staff,
    responses: { 200: json('Organisations', OrganisationList), 401: problem('Not signed in') },
  },
  {
    method: 'get',
    path: '/api/v1/staff/accounts',
    operationId: 'listAccounts',
    summary: 'Staff accounts (admin)',
    tags: ['staff'],
    security: staff,
    responses: { 200: json('Accounts', AccountList), ...denied },
  },
  {
    method: 'post',
    path: '/api/v1/staff/accounts',
    operationId: 'createAccount',
    summary: 'Create an account (admin)',
    tags: ['staff'],
    security: staff,
    body: body(NewAccountBody),
    responses: { 201: json('Created', AccountResult), ...denied, 409: problem('Username taken'), ...bad },
  },
  {
    method: 'patch',
    path: '/api/v1/staff/accounts/:id',
    operationId: 'updateAccount',
    summary: 'Change role, organisations, password or disable (admin)',
    tags: ['staff'],
    security: staff,
    body: body(AccountChangeBody),
    responses: {
      200: json('Updated', AccountResult),
      ...denied,
      404: problem('No such account'),
      409: problem('Cannot disable or demote yourself'),
      ...bad,
    },
  },
])

export const STAFF_SECURITY_SCHEMES = {
  staffSession: { type: 'apiKey', in: 'cookie', name: 'waystation_session', description: 'Set by POST /api/v1/session' },
}
