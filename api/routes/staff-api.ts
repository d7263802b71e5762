import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { confirmationRoutes } from './confirmations.js'
import { placeAdminRoutes } from './place-admin.js'
import { placeEditRoutes } from './place-edits.js'
import { placeReportRoutes, reportRoutes } from './reports.js'
import { sessionRoutes } from './session.js'
import { staffRoutes } from './staff.js'

/** Sign-in, staff editing, audit history and problem reports, mounted under /api/v1. */
export const staffApi = new Hono<AppEnv>()
staffApi.route('/session', sessionRoutes)
staffApi.route('/places', placeAdminRoutes)
staffApi.route('/places', placeEditRoutes)
staffApi.route('/places', placeReportRoutes)
staffApi.route('/places', confirmationRoutes)
staffApi.route('/reports', reportRoutes)
staffApi.route('/staff', staffRoutes)
