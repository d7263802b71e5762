import type { RouteSpec } from '../registry.js'
import { apiDocsRoutes } from './api-docs.js'
import { dataRoutes } from './data.js'
import { liveTruthRoutes } from './live-truth.js'
import { publicRoutes } from './public.js'
import { STAFF_SECURITY_SCHEMES, staffRouteSpecs } from './staff.js'

/**
 * Every route the app serves, in document order. When you add a route to the app, describe it in a file of
 * your own here (see public.ts) and add it to this list; tests/data/openapi.test.ts fails until you do.
 */
export const ROUTES: readonly RouteSpec[] = [
  ...publicRoutes,
  ...staffRouteSpecs,
  ...liveTruthRoutes,
  ...dataRoutes,
  ...apiDocsRoutes,
]

/** Security schemes that routes name in `security`. */
export const SECURITY_SCHEMES: Record<string, Record<string, unknown>> = { ...STAFF_SECURITY_SCHEMES }
