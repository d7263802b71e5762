import { Hono } from 'hono'
import { clientKey } from '../auth/client-key.js'
import { requirePlaceEditor, requireStaff } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { readJson } from '../lib/json-body.js'
import { ApiError } from '../lib/problem.js'
import { parseQuery } from '../lib/query-params.js'
import { loadEditablePlace } from '../queries/place-changes.js'
import { countHit, type RateRule } from '../queries/rate-limit.js'
import { ReportAlreadyHandled, resolveWithOutage } from '../queries/amenity-outage.js'
import { confirmationFlags } from '../queries/confirmations.js'
import { decideReport, getReportPlace, insertReport, listReports } from '../queries/reports.js'
import { PlaceId } from '../schemas/place-record.js'
import { NewReportBody, REPORT_LIST_PARAMS, ReportDecisionBody, ReportListQuery } from '../schemas/reports.js'
import { z } from 'zod'
import { badBody, denied, placeIdParams } from '../openapi/common.js'
import { json, problem, route } from '../openapi/describe.js'
import { ReportCreated, ReportDecided, ReportList } from '../schemas/staff-responses.js'

/** A client may send 10 reports an hour: plenty for a person, little for a script. */
export const REPORTS_PER_CLIENT: RateRule = { bucket: 'report_client', limit: 10, windowSeconds: 3600 }

/** Public: report a problem with a place, without an account. Nothing about the reporter is stored. */
export const placeReportRoutes = new Hono<AppEnv>()

placeReportRoutes.post(
  '/:id/reports',
  route({
    operationId: 'reportProblem',
    summary: 'Report a problem (no account; rate limited)',
    tags: ['reports'],
    params: placeIdParams,
    body: { content: { 'application/json': NewReportBody } },
    responses: {
      201: json('Report received', ReportCreated),
      404: problem('No such place'),
      429: problem('Too many reports'),
      ...badBody(),
    },
  }),
  async (c) => {
    const id = PlaceId.safeParse(c.req.param('id'))
    const db = c.get('db')
    const place = id.success ? await loadEditablePlace(db, id.data) : undefined
    if (!place || place.deleted_at) throw new ApiError(404, `No place with id '${c.req.param('id').slice(0, 80)}'`)
    const report = await readJson(c, NewReportBody)
    const rate = await countHit(db, REPORTS_PER_CLIENT, await clientKey(db, c.get('clientAddress')), c.get('now'))
    if (rate.limited)
      throw new ApiError(429, 'Too many reports from your connection; try again later', {
        headers: { 'Retry-After': String(rate.retryAfter) },
      })
    const reportId = await insertReport(db, {
      placeId: place.id,
      kind: report.kind,
      amenity: report.amenity ?? null,
      message: report.message,
      now: c.get('now'),
    })
    return c.json({ id: reportId, status: 'open' }, 201)
  },
)

/** Staff: the report inbox and decisions on reports. */
export const reportRoutes = new Hono<AppEnv>()

reportRoutes.get(
  '/',
  route({
    operationId: 'listReports',
    summary: 'Report inbox (own organisations; admins all)',
    tags: ['reports'],
    security: ['staffSession'],
    query: ReportListQuery,
    responses: { 200: json('Reports, newest first', ReportList), 400: problem('Invalid query'), 401: problem('Not signed in') },
  }),
  async (c) => {
    const staff = await requireStaff(c)
    const filter = parseQuery(c, ReportListQuery, REPORT_LIST_PARAMS)
    c.header('Cache-Control', 'no-store')
    const [reports, flagged] = await Promise.all([
      listReports(c.get('db'), staff, filter),
      confirmationFlags(c.get('db'), staff, c.get('now')),
    ])
    return c.json({ reports, flagged_places: flagged })
  },
)

reportRoutes.patch(
  '/:id',
  route({
    operationId: 'decideReport',
    summary: 'Resolve or dismiss a report',
    tags: ['reports'],
    security: ['staffSession'],
    params: z.object({ id: z.string().regex(/^\d{1,18}$/) }),
    body: { content: { 'application/json': ReportDecisionBody } },
    responses: {
      200: json('Decided', ReportDecided),
      ...denied(),
      404: problem('No such report'),
      409: problem('Already handled'),
      ...badBody(),
    },
  }),
  async (c) => {
    const staff = await requireStaff(c)
    const id = c.req.param('id')
    const report = /^\d{1,18}$/.test(id) ? await getReportPlace(c.get('db'), id) : undefined
    if (!report) throw new ApiError(404, `No report ${id.slice(0, 40)}`)
    requirePlaceEditor(staff, report.organisation_id)
    const decision = await readJson(c, ReportDecisionBody)
    const { out_of_order: outage, ...decided } = decision
    if (outage) {
      if (report.kind !== 'amenity_broken' || !report.amenity)
        throw new ApiError(422, 'Invalid body: out_of_order', {
          errors: [{ field: 'out_of_order', message: 'only for a report of kind amenity_broken' }],
        })
      const by = { accountId: staff.id, username: staff.username, note: decision.note }
      const result = await resolveWithOutage(
        c.get('db'),
        { id, place_id: report.place_id, amenity: report.amenity },
        { status: 'out_of_order', ...outage },
        by,
        c.get('now'),
      ).catch((error: unknown) => {
        if (error instanceof ReportAlreadyHandled) throw new ApiError(409, 'This report was already handled')
        throw error
      })
      if (result === 'no_such_amenity')
        throw new ApiError(422, 'Invalid body: out_of_order', {
          errors: [{ field: 'out_of_order', message: `the place does not list the amenity '${report.amenity}'` }],
        })
      return c.json({ id, status: decision.status })
    }
    const done = await decideReport(c.get('db'), id, {
      ...decided,
      actor: { accountId: staff.id, username: staff.username },
      now: c.get('now'),
    })
    if (!done) throw new ApiError(409, 'This report was already handled')
    return c.json({ id, status: decision.status })
  },
)
