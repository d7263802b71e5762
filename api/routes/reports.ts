import { Hono } from 'hono'
import { clientKey } from '../auth/client-key.js'
import { requirePlaceEditor, requireStaff } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { readJson } from '../lib/json-body.js'
import { ApiError } from '../lib/problem.js'
import { parseQuery } from '../lib/query-params.js'
import { loadEditablePlace } from '../queries/place-changes.js'
import { countHit, type RateRule } from '../queries/rate-limit.js'
import { decideReport, getReportPlace, insertReport, listReports } from '../queries/reports.js'
import { PlaceId } from '../schemas/place-record.js'
import { NewReportBody, REPORT_LIST_PARAMS, ReportDecisionBody, ReportListQuery } from '../schemas/reports.js'

/** A client may send 10 reports an hour: plenty for a person, little for a script. */
export const REPORTS_PER_CLIENT: RateRule = { bucket: 'report_client', limit: 10, windowSeconds: 3600 }

/** Public: report a problem with a place, without an account. Nothing about the reporter is stored. */
export const placeReportRoutes = new Hono<AppEnv>()

placeReportRoutes.post('/:id/reports', async (c) => {
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
})

/** Staff: the report inbox and decisions on reports. */
export const reportRoutes = new Hono<AppEnv>()

reportRoutes.get('/', async (c) => {
  const staff = await requireStaff(c)
  const filter = parseQuery(c, ReportListQuery, REPORT_LIST_PARAMS)
  c.header('Cache-Control', 'no-store')
  return c.json({ reports: await listReports(c.get('db'), staff, filter) })
})

reportRoutes.patch('/:id', async (c) => {
  const staff = await requireStaff(c)
  const id = c.req.param('id')
  const report = /^\d{1,18}$/.test(id) ? await getReportPlace(c.get('db'), id) : undefined
  if (!report) throw new ApiError(404, `No report ${id.slice(0, 40)}`)
  requirePlaceEditor(staff, report.organisation_id)
  const decision = await readJson(c, ReportDecisionBody)
  const done = await decideReport(c.get('db'), id, {
    ...decision,
    actor: { accountId: staff.id, username: staff.username },
    now: c.get('now'),
  })
  if (!done) throw new ApiError(409, 'This report was already handled')
  return c.json({ id, status: decision.status })
})
