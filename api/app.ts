import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { resolveRequestOrigin, parseTrustedProxies } from './auth/client-address.js'
import { DEFAULT_TILE_HOSTS, type AppConfig, type AppDeps, type AppEnv } from './context.js'
import { NINGBO_BOUNDS } from './import/coordinates.js'
import { isDatabaseUnavailable } from './lib/database-errors.js'
import { createCalendarCache } from './queries/calendar-cache.js'
import { ApiError, problemResponse } from './lib/problem.js'
import { allowedMethods, refuseTraceMethods } from './lib/allowed-methods.js'
import { edgeCache } from './middleware/edge-cache.js'
import { gridLocation } from './middleware/grid-location.js'
import { httpCache } from './middleware/http-cache.js'
import { loadShed } from './middleware/load-shed.js'
import { requestLog } from './middleware/request-log.js'
import { limitBodySize, refuseForeignOrigin, refuseUnsafeText } from './middleware/request-guards.js'
import { securityHeaders } from './middleware/security-headers.js'
import { apiDocsRoutes } from './routes/api-docs.js'
import { exportRoutes } from './routes/export.js'
import { importRoutes } from './routes/import.js'
import { ogcRoutes } from './routes/ogc.js'
import { catalogueRoutes } from './routes/catalogue.js'
import { healthRoutes } from './routes/health.js'
import { holidayRoutes } from './routes/holidays.js'
import { placesRoutes } from './routes/places.js'
import { viewportRoutes } from './routes/viewport.js'
import { confirmationRoutes } from './routes/confirmations.js'
import { placeAdminRoutes } from './routes/place-admin.js'
import { placeEditRoutes } from './routes/place-edits.js'
import { placeReportRoutes, reportRoutes } from './routes/reports.js'
import { sessionRoutes } from './routes/session.js'
import { staffRoutes } from './routes/staff.js'

/** Normalises anything thrown into an ApiError; unknown errors become an opaque 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof HTTPException) return new ApiError(error.status, error.message || 'Request refused')
  if (isDatabaseUnavailable(error))
    return new ApiError(503, 'The database is not reachable right now; try again shortly', { headers: { 'Retry-After': '5' } })
  return new ApiError(500, 'Something went wrong on our side')
}

export function createApp(deps: AppDeps) {
  const config: AppConfig = {
    version: '0.1.0',
    tileHosts: DEFAULT_TILE_HOSTS,
    trustedProxies: [],
    serviceArea: NINGBO_BOUNDS,
    ...deps.config,
  }
  const trusted = parseTrustedProxies(config.trustedProxies)
  const clock = deps.clock ?? (() => new Date())
  const calendars = createCalendarCache()
  const app = new Hono<AppEnv>()

  // First, so every answer (errors included) knows the client and whether it came over https.
  app.use('*', async (c: Context<AppEnv>, next) => {
    const origin = resolveRequestOrigin({
      peer: deps.clientAddress?.(c),
      url: c.req.url,
      header: (n) => c.req.header(n),
      trusted,
    })
    c.set('clientAddress', origin.address)
    c.set('https', origin.https)
    c.set('db', typeof deps.db === 'function' ? deps.db(c.req.raw, c.env) : deps.db)
    c.set('now', clock())
    c.set('config', config)
    c.set('calendars', calendars)
    await next()
  })
  app.use(
    '*',
    securityHeaders(config.tileHosts, (c) => c.get('https') === true),
  )
  app.use(
    '*',
    refuseTraceMethods(() => app.routes),
  )
  if (deps.log) app.use('*', requestLog(deps.log))
  if (deps.edgeCache) app.use('*', edgeCache(deps.edgeCache))
  if (deps.loadShed) {
    // One gate for everything that reads the database; /healthz (a liveness probe) and static files pass by it.
    const shed = loadShed(deps.loadShed)
    app.use('/api/v1/*', shed)
    app.use('/ogc/*', shed)
  }
  app.use('*', httpCache())
  app.use('/api/*', refuseForeignOrigin, limitBodySize)
  app.use('*', refuseUnsafeText)
  app.use('/api/v1/places', gridLocation())
  app.use('/api/v1/places/viewport', gridLocation())
  app.route('/', healthRoutes)
  // Before /places/{id}, which would take `viewport` for an id.
  app.route('/api/v1/places/viewport', viewportRoutes)
  app.route('/api/v1/places', placesRoutes)
  app.route('/api/v1', catalogueRoutes)
  app.route('/api/v1/holidays', holidayRoutes)
  // Sign-in, staff editing, audit history and problem reports.
  app.route('/api/v1/session', sessionRoutes)
  app.route('/api/v1/places', placeAdminRoutes)
  app.route('/api/v1/places', placeEditRoutes)
  app.route('/api/v1/places', placeReportRoutes)
  app.route('/api/v1/places', confirmationRoutes)
  app.route('/api/v1/reports', reportRoutes)
  app.route('/api/v1/staff', staffRoutes)
  app.route('/api', apiDocsRoutes(app))
  app.route('/api/v1', exportRoutes)
  app.route('/api/v1', importRoutes)
  app.route('/ogc', ogcRoutes)

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname
    // A path that exists under other methods: 405 with the methods it takes, not a 404.
    const allow = allowedMethods(app.routes, path)
    if (allow.length)
      return problemResponse(
        new ApiError(405, `${c.req.method} is not allowed here; use ${allow.join(', ')}`, {
          headers: { Allow: allow.join(', ') },
        }),
      )
    return problemResponse(new ApiError(404, `Nothing at ${path}`))
  })
  app.onError((error) => {
    const apiError = toApiError(error)
    if (apiError.status >= 500 && apiError.status !== 503) console.error(error)
    return problemResponse(apiError)
  })
  return app
}
export type App = ReturnType<typeof createApp>
