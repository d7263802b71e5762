/**
 * `npm run dev:edge`: `wrangler dev` (local workerd) with everything that would reach Cloudflare switched off —
 * metrics, error reports, the banner's update check and the `Request.cf` download — as the edge tests run it.
 * Arguments go on to wrangler (`npm run dev:edge -- --port 8788`).
 */
import { spawn } from 'node:child_process'
import { OFFLINE_WRANGLER_ENV, WRANGLER } from './wrangler-dev.js'

const child = spawn(process.execPath, [WRANGLER, 'dev', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...OFFLINE_WRANGLER_ENV },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 1))
