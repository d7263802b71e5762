/**
 * `npm run bench`: the nearest-10-with-filters search at 100k places (--sizes to change) in real PostGIS, measured
 * in one run (a) by `pgbench` running exactly the SQL the API issues for one request (captured from the app itself;
 * a random grid point per transaction, -M prepared) and (b) over HTTP through the Node server (and the Worker under
 * wrangler dev) driven by `wrk`, both at 16 clients; written to docs/benchmarks.md with the ratio.
 * Needs PostgreSQL+PostGIS, pgbench and wrk: BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/waystation_bench, created if missing). Options: --sizes 1000,100000 --seconds 10 --rounds 3
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { get } from 'node:http'
import { gunzipSync } from 'node:zlib'
import pg from 'pg'
import { createPostgresDb } from '../api/db/connect-postgres.js'
import { migrate } from '../api/db/migrate.js'
import { readMigrationFiles } from '../api/db/migration-files.js'
import { captureStatements } from './bench/capture.js'
import { floorServer, nodeServer, nodeServerWith, processCpuMs, type HttpTarget } from './bench/http-target.js'
import { pgbenchStatement, runPgbench } from './bench/pgbench.js'
import { medianRounds, writeBenchmarkSection } from './bench/report.js'
import type { RunResult } from './bench/stats.js'
import { loadSyntheticPlaces } from './bench/synthetic-places.js'
import { workerDev } from './bench/worker-target.js'
import { randomGridPathLua, runWrk } from './bench/wrk.js'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    // --skip-worker: the Node server only (the Worker under wrangler dev takes a while to start).
    'skip-worker': { type: 'boolean', default: false },
  },
})
const sizes = args.sizes.split(',').map(Number)
const seconds = Number(args.seconds)
const roundCount = Number(args.rounds)
const CONCURRENCY = 16
const WARM_UP_SECONDS = 3
const FILTERS = 'amenity=drinking_water,meal_heating&open_now=true&limit=10'
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waystation_bench'
// The Node server as one process and as two (WORKERS=2: this machine's cores), then the Worker under wrangler dev.
const nodeTargets = [nodeServer, nodeServerWith(2), floorServer]
const httpTargets: HttpTarget[] = args['skip-worker'] ? nodeTargets : [...nodeTargets, workerDev]

async function ensureDatabase(url: string) {
  const target = new URL(url)
  const name = target.pathname.slice(1)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (!exists.rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
  await client.end()
}

/**
 * The statements the API runs for one search, captured from the app itself (so the pgbench script cannot drift
 * from it), as a pgbench script: the position a random grid point per transaction; the other parameters bound as
 * the driver binds them (`bind`, the baseline) or inlined as literals (for comparison).
 */
async function apiScript(bind: boolean): Promise<{ script: string; defines: Record<string, string> }> {
  const [lat, lng] = [29.918, 121.532] // a grid point; the parameters equal to these become :lat and :lng
  const captured = await captureStatements(databaseUrl, `/api/v1/places?lat=${lat}&lng=${lng}&${FILTERS}`)
  const defines: Record<string, string> = {}
  const script = [
    '\\set lat 29.86 + random(0, 70) * 0.002',
    '\\set lng 121.42 + random(0, 110) * 0.002',
    ...captured.map((q, i) => pgbenchStatement(q, { lat, lng }, bind ? { prefix: `s${i}p`, defines } : undefined)),
  ].join('\n')
  return { script, defines }
}

/** One answer as sent (asking for gzip, as wrk does): its bytes on the wire and, decoded, as JSON. */
function wireSample(url: string): Promise<{ wireBytes: number; bodyBytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const wire = Buffer.concat(chunks)
        const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(wire) : wire
        resolve({ wireBytes: wire.byteLength, bodyBytes: body.byteLength })
      })
      res.on('error', reject)
    }).on('error', reject)
  })
}

/** One HTTP target: started, warmed up, then driven by wrk for `seconds`; stopped again. */
async function measureHttp(target: HttpTarget): Promise<RunResult> {
  const server = await target.start(databaseUrl)
  try {
    const sample = await wireSample(`${server.baseUrl}/api/v1/places?lat=29.918&lng=121.532&${FILTERS}`)
    // Warm up first (JIT, pool connections, prepared statements): the figures are for a server that has been
    // running, as a deployed one has; its first seconds are not what 16 steady clients see.
    await runWrk(server.baseUrl, randomGridPathLua(FILTERS), CONCURRENCY, WARM_UP_SECONDS, { 'Accept-Encoding': 'gzip' })
    const cpuBefore = server.pid ? processCpuMs(server.pid) : undefined
    const run = await runWrk(server.baseUrl, randomGridPathLua(FILTERS), CONCURRENCY, seconds, { 'Accept-Encoding': 'gzip' })
    const cpuAfter = server.pid ? processCpuMs(server.pid) : undefined
    const served = run.requestsPerSecond * seconds
    if (run.errors || run.non2xx || (run.statuses['200'] ?? 0) < 1)
      throw new Error(`${target.name}: ${JSON.stringify(run.statuses)}, ${run.errors} socket errors`)
    const serverCpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / served : undefined
    console.error(
      `    ${target.name}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms${serverCpuMs ? `, server CPU ${serverCpuMs.toFixed(3)} ms/request` : ''}`,
    )
    return {
      target: target.name,
      ...run,
      bytes: sample.bodyBytes,
      wireBytes: sample.wireBytes,
      ...(target.note ? { note: target.note } : {}),
      ...(serverCpuMs !== undefined ? { serverCpuMs } : {}),
    }
  } finally {
    await server.stop()
  }
}

const loadBefore = loadavg()[0]!.toFixed(1)
await ensureDatabase(databaseUrl)
const handle = createPostgresDb(databaseUrl, { max: 2 })
await migrate(handle, await readMigrationFiles())
await handle.close()

const results: Array<{ size: number; runs: RunResult[] }> = []
for (const size of sizes) {
  console.error(`\n${size} places: loading…`)
  const loader = createPostgresDb(databaseUrl, { max: 1, statementTimeoutMillis: 600_000 })
  await loadSyntheticPlaces(loader.db, size)
  await loader.close()
  // Rounds, each running every target once in turn: this host's speed drifts by ±15 % within minutes, so each
  // HTTP target's ratio is taken against the pgbench baseline of its own round, and the median round is reported.
  const rounds: RunResult[][] = []
  const scripts = await Promise.all([true, false].map((bind) => apiScript(bind)))
  for (let round = 1; round <= roundCount; round++) {
    console.error(`  round ${round} of ${roundCount}`)
    const runs: RunResult[] = []
    // (a) pgbench: the API's statements for one search, one transaction each; first bound as the API binds them
    // (the baseline the ratio is taken against), then with the parameters inlined as literals.
    for (const [i, bind] of [true, false].entries()) {
      const { script, defines } = scripts[i]!
      const raw = await runPgbench(databaseUrl, script, CONCURRENCY, seconds, defines)
      const statements = script.split('\n').filter((l) => !l.startsWith('\\')).length
      const how = bind ? 'parameters bound as the API binds them' : 'parameters inlined as literals'
      runs.push({
        target: `pgbench (the API's ${statements} statement${statements === 1 ? '' : 's'}, -M prepared, ${how})`,
        requestsPerSecond: raw.transactionsPerSecond,
        p50Ms: raw.p50Ms,
        p99Ms: raw.p99Ms,
        bytes: 0,
      })
      console.error(
        `    pgbench (${how}): ${raw.transactionsPerSecond.toFixed(0)} tps, p50 ${raw.p50Ms.toFixed(2)} ms, p99 ${raw.p99Ms.toFixed(2)} ms`,
      )
    }
    // (b) The same search over HTTP, wrk asking for gzip as browsers do.
    for (const target of httpTargets) runs.push(await measureHttp(target))
    rounds.push(runs)
  }
  const runs = medianRounds(rounds)
  results.push({ size, runs })
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL at ${new URL(databaseUrl).host}, 1-minute load average before the run ${loadBefore}, after ${loadavg()[0]!.toFixed(1)}`
writeBenchmarkSection('API', {
  date: new Date().toISOString().slice(0, 10),
  machine,
  seconds,
  rounds: roundCount,
  concurrency: CONCURRENCY,
  filters: FILTERS,
  results,
})
console.error('\nwrote docs/benchmarks.md')
