import { startWranglerDev } from '../wrangler-dev.js'
import type { HttpTarget } from './http-target.js'

/**
 * The Worker (api/worker.ts) in workerd under `wrangler dev`, local mode. A local runtime, not Cloudflare's
 * edge: the Hyperdrive binding here connects straight to PostgreSQL, so every request pays a new connection
 * that Hyperdrive would take from its pool in production, and there is no edge cache in front.
 */
export const workerDev: HttpTarget = {
  name: 'Worker (workerd, wrangler dev, local)',
  note: 'local runtime: no Hyperdrive pool (a new PostgreSQL connection per request), no edge cache',
  async start(databaseUrl) {
    const dev = await startWranglerDev(databaseUrl, { vars: { LOG_REQUESTS: 'false' }, logLevel: 'warn' })
    return { baseUrl: dev.origin, stop: dev.stop }
  },
}
