/**
 * Builds the Worker bundle exactly as `wrangler deploy` would (`--dry-run`, nothing uploaded) and measures it.
 * `npm run build:edge` prints the sizes; tests/edge/bundle.test.ts checks them against Workers' limits.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js')
/** Workers' compressed size limits (free / paid plans). */
export const WORKER_GZIP_LIMIT = { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 }

export interface WorkerBundle {
  outdir: string
  bytes: number
  gzipBytes: number
  source: string
}

export async function buildWorkerBundle(outdir = mkdtempSync(join(tmpdir(), 'waystation-bundle-'))): Promise<WorkerBundle> {
  // The web build is uploaded beside the Worker, not inside it; stand in an empty shell when it is not built.
  const standIn = existsSync(join(ROOT, 'dist/web')) ? undefined : mkdtempSync(join(tmpdir(), 'waystation-assets-'))
  if (standIn) writeFileSync(join(standIn, 'index.html'), '<!doctype html>')
  try {
    await promisify(execFile)(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir, '--assets', standIn ?? join(ROOT, 'dist/web')], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', WRANGLER_HIDE_BANNER: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    })
  } finally {
    if (standIn) rmSync(standIn, { recursive: true, force: true })
  }
  const code = readFileSync(join(outdir, 'worker.js'))
  return { outdir, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, source: code.toString('utf8') }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ?? join(ROOT, 'dist/worker')
  const bundle = await buildWorkerBundle(outdir)
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
  console.log(`Worker bundle in ${outdir}: ${kib(bundle.bytes)}, gzip ${kib(bundle.gzipBytes)} (${bundle.gzipBytes} bytes; limit ${kib(WORKER_GZIP_LIMIT.free)} free, ${kib(WORKER_GZIP_LIMIT.paid)} paid)`)
}
