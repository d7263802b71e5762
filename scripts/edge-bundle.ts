/**
 * Builds the Worker bundle exactly as `wrangler deploy` would (`--dry-run`, nothing uploaded) and measures it.
 * `npm run build:edge` writes the sizes to docs/benchmarks.md (## Edge); tests/edge/bundle.test.ts checks them.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { replaceSection } from './bench/report.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js')
const WRANGLER_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/wrangler/package.json'), 'utf8')) as { version: string }
).version
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
    await promisify(execFile)(
      process.execPath,
      [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir, '--assets', standIn ?? join(ROOT, 'dist/web')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          WRANGLER_SEND_METRICS: 'false',
          WRANGLER_SEND_ERROR_REPORTS: 'false',
          WRANGLER_HIDE_BANNER: 'true',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    )
  } finally {
    if (standIn) rmSync(standIn, { recursive: true, force: true })
  }
  const code = readFileSync(join(outdir, 'worker.js'))
  return { outdir, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, source: code.toString('utf8') }
}

function edgeSection(bundle: WorkerBundle): string {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
  const share = ((bundle.gzipBytes / WORKER_GZIP_LIMIT.free) * 100).toFixed(0)
  return `Written by \`npm run build:edge\` on ${new Date().toISOString().slice(0, 10)} (\`wrangler deploy --dry-run\`, wrangler ${WRANGLER_VERSION}).

| Worker bundle (api/worker.ts) | bytes | |
|---|---:|---|
| uncompressed | ${bundle.bytes.toLocaleString('en')} | ${kib(bundle.bytes)} |
| gzip | ${bundle.gzipBytes.toLocaleString('en')} | ${kib(bundle.gzipBytes)}: ${share} % of the free plan's 3 MB limit (paid: 10 MB) |

The web build is uploaded beside the Worker as static assets and does not count towards this limit. PGlite is
not in the bundle (checked by tests/edge/bundle.test.ts, which also fails above half the free limit).

Throughput: \`npm run bench\` measures the Worker as "Worker (workerd, wrangler dev, local)" in the API section
above. That is a local runtime, not Cloudflare's network: the local Hyperdrive binding opens a new PostgreSQL
connection for every request, so each request also pays for a fresh server backend, whose first PostGIS query
(loading the extension and catalogue) costs far more than the query itself; production Hyperdrive hands out
warm pooled connections instead. There is no edge cache either, and workerd, wrangler's proxy, PostgreSQL and the
load generator share this machine's cores. Read it as a floor, not a forecast.`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = await buildWorkerBundle(process.argv[2] ?? join(ROOT, 'dist/worker'))
  replaceSection('Edge', edgeSection(bundle))
  console.log(
    `Worker bundle in ${bundle.outdir}: ${bundle.bytes} bytes, gzip ${bundle.gzipBytes} bytes; wrote the Edge section of docs/benchmarks.md`,
  )
}
