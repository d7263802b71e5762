import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { ApiError } from '../lib/problem.js'
import { json, problem, route } from '../openapi/describe.js'
import { pingDatabase } from '../queries/health.js'
import { Health } from '../schemas/catalogue.js'

export const healthRoutes = new Hono<AppEnv>()

healthRoutes.get(
  '/healthz',
  route({
    operationId: 'health',
    summary: 'Liveness and database check',
    tags: ['operations'],
    responses: {
      200: json('Up', Health),
      503: { ...problem('The database is not answering'), headers: { 'Retry-After': { description: 'Seconds to wait' } } },
    },
  }),
  async (c) => {
    try {
      await pingDatabase(c.get('db'))
    } catch {
      throw new ApiError(503, 'The database is not answering', { headers: { 'Retry-After': '5' } })
    }
    c.header('Cache-Control', 'no-store')
    return c.json({ status: 'ok', version: c.get('config').version })
  },
)
