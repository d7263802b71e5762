import { z } from 'zod'
import { ConfirmationCreated, ConfirmationTimeline, NewConfirmationBody } from '../../schemas/confirmations.js'
import {
  CalendarYear,
  CalendarYearBody,
  CalendarYears,
  HolidayImportQuery,
  HolidayImportReport,
  HolidayYearQuery,
} from '../../schemas/holidays.js'
import { PlaceId } from '../../schemas/place-record.js'
import { defineRoutes, json, problem } from '../registry.js'

/** Public confirmations (api/routes/confirmations.ts) and the holiday calendar (api/routes/holidays.ts). */
const id = z.object({ id: PlaceId })
const denied = { 401: problem('Not signed in'), 403: problem('Not allowed (not an administrator / other organisation)') }
const bad = {
  400: problem('Invalid JSON'),
  413: problem('Body over 1 MB'),
  415: problem('Wrong body type'),
  422: problem('Invalid fields'),
}

export const liveTruthRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/v1/places/:id/confirmations',
    operationId: 'confirmPlace',
    summary: 'Say the place is open now, closed now, or that one amenity is not working (no account)',
    description:
      'Nothing about the person is stored (no account, no position, no address). Rate limited per connection (hashed), per ' +
      'connection and place, and per place. Confirmations fade: their weight halves every 30 minutes and is gone after 24 h.',
    tags: ['places'],
    params: id,
    body: { required: true, content: { 'application/json': NewConfirmationBody } },
    responses: {
      201: json('Recorded; the place as the public now sees it', ConfirmationCreated),
      404: problem('No such place'),
      429: problem('Too many from this connection or for this place; Retry-After says when'),
      ...bad,
    },
  },
  {
    method: 'get',
    path: '/api/v1/places/:id/confirmations',
    operationId: 'confirmationTimeline',
    summary: 'Every public confirmation of a place with its weight now (staff)',
    tags: ['staff'],
    security: ['staffSession'],
    params: id,
    responses: { 200: json('Timeline, newest first', ConfirmationTimeline), ...denied, 404: problem('No such place') },
  },
  {
    method: 'get',
    path: '/api/v1/holidays',
    operationId: 'holidayYear',
    summary: "A year of China's public holidays and make-up workdays (调休)",
    tags: ['catalogue'],
    query: HolidayYearQuery,
    responses: { 200: json('The year', CalendarYear), 400: problem('Invalid year') },
  },
  {
    method: 'get',
    path: '/api/v1/holidays/years',
    operationId: 'holidayYears',
    summary: 'The years the calendar has, with their counts',
    tags: ['catalogue'],
    responses: { 200: json('Years', CalendarYears) },
  },
  {
    method: 'put',
    path: '/api/v1/holidays/:year',
    operationId: 'replaceHolidayYear',
    summary: 'Replace a whole year of the calendar (admin; audited)',
    tags: ['staff'],
    security: ['staffSession'],
    params: z.object({ year: z.string().regex(/^\d{4}$/) }),
    body: { required: true, content: { 'application/json': CalendarYearBody } },
    responses: { 200: json('The year as stored, with its history', CalendarYear), ...denied, 404: problem('Bad year'), ...bad },
  },
  {
    method: 'post',
    path: '/api/v1/holidays/import',
    operationId: 'importHolidays',
    summary: 'Import the State Council notice for a year: CSV (date,kind,name_zh,name_en) or JSON (admin)',
    description:
      'Each year in the file replaces that year whole. JSON may be {"days": […]} or the chinese-days package year file. ' +
      'dry_run=true validates and counts without writing; any bad line → 422 naming it, nothing written.',
    tags: ['staff'],
    security: ['staffSession'],
    query: HolidayImportQuery,
    body: {
      required: true,
      content: { 'text/csv': { jsonSchema: { type: 'string' } }, 'application/json': { jsonSchema: { type: 'object' } } },
    },
    responses: { 200: json('What was (or would be) written', HolidayImportReport), ...denied, ...bad },
  },
])
