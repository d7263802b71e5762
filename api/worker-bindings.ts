/**
 * Checked only against the Workers runtime (tsconfig.worker.json, with worker-configuration.d.ts from
 * `npm run types:worker`): the bindings and vars in wrangler.toml are what api/worker.ts reads, and its handler
 * fits the runtime's. Renaming the Hyperdrive binding in wrangler.toml, or a var the Worker needs, fails typecheck.
 */
import worker, { type WorkerEnv } from './worker.js'

export const handler: ExportedHandler<Env> = worker
export const env = (bound: Env): WorkerEnv => bound
