/**
 * `npm run bench:embedded`: the Node server as people start it with no DATABASE_URL (`api/node.ts`, embedded PGlite +
 * PostGIS in a temporary data folder, the sample data or --size synthetic places), driven by wrk at 16, 64 and 256
 * connections with the load bound off (LOAD_SHED=off) and on (the default): p50/p99, req/s, the share of 503 answers
 * and the server's peak resident memory at each. Writes the "Embedded database under load" section of
 * docs/benchmarks.md. Needs wrk; reads memory from /proc (Linux).
 * Options: --seconds 10 --connections 16,64,256 --size 0 (0: the Jiangbei sample) --port 9210 --budget 1000
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../api/db/open.js'
import { startNodeProcess } from './bench/http-target.js'
import { replaceSection } from './bench/report.js'
import { loadSyntheticPlaces } from './bench/synthetic-places.js'
import { randomGridPathLua, runWrk, type WrkResult } from './bench/wrk.js'

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16,64,256' },
    size: { type: 'string', default: '0' },
    port: { type: 'string', default: '9210' },
    budget: { type: 'string', default: '1000' },
  },
})
const seconds = Number(args.seconds)
const levels = args.connections.split(',').map(Number)
const size = Number(args.size)
const port = Number(args.port)
const FILTERS = 'amenity=drinking_water,meal_heating&open_now=true&limit=10'

const work = mkdtempSync(join(tmpdir(), 'waystation-bench-embedded-'))
const dataDir = join(work, 'pglite')

/** Creates, migrates and seeds the data folder once (and loads synthetic places if asked), as a first start would. */
async function prepare() {
  const handle = await openDatabase({ dataDir, log: (line) => console.error(line) })
  if (size > 0) {
    console.error(`loading ${size} synthetic places…`)
    await loadSyntheticPlaces(handle.db, size)
  }
  await handle.close()
}

const rssKb = (pid: number) => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  } catch {
    return 0
  }
}

interface Row {
  shed: boolean
  connections: number
  load: number
  result: WrkResult
  peakRssMb: number
  startRssMb: number
}

/** A fresh server per run (so each peak is its own), three warm-up seconds, then wrk while memory is sampled. */
async function measure(shed: boolean, connections: number): Promise<Row> {
  // No DATABASE_URL: the embedded database in this run's data folder.
  const server = await startNodeProcess(
    { DATABASE_URL: undefined, DATA_DIR: dataDir, LOAD_SHED: shed ? 'on' : 'off', LOAD_SHED_BUDGET_MS: args.budget },
    port,
  )
  const { baseUrl, pid } = server
  try {
    await runWrk(baseUrl, randomGridPathLua(FILTERS), 4, 3, { 'Accept-Encoding': 'gzip' }) // warm: WebAssembly tiers up
    const startRss = rssKb(pid)
    let peak = startRss
    const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 100)
    const load = loadavg()[0]!
    try {
      const result = await runWrk(baseUrl, randomGridPathLua(FILTERS), connections, seconds, { 'Accept-Encoding': 'gzip' })
      return { shed, connections, load, result, peakRssMb: peak / 1024, startRssMb: startRss / 1024 }
    } finally {
      clearInterval(sampler)
    }
  } finally {
    await server.stop()
  }
}

const rows: Row[] = []
try {
  await prepare()
  for (const shed of [false, true])
    for (const connections of levels) {
      const row = await measure(shed, connections)
      const r = row.result
      console.error(
        `${shed ? 'bounded' : 'unbounded'} c=${connections}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms, 503 ${((r.statuses['503'] ?? 0) * 100).toFixed(0)} %, errors ${r.errors}, RSS ${row.startRssMb.toFixed(0)} → ${row.peakRssMb.toFixed(0)} MB (load ${row.load.toFixed(1)})`,
      )
      rows.push(row)
    }
} finally {
  rmSync(work, { recursive: true, force: true })
}

const pct = (x: number | undefined) => `${((x ?? 0) * 100).toFixed(0)} %`
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
replaceSection(
  'Embedded database under load',
  `Written by \`npm run bench:embedded\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}; wrk, the server
and other work share it (1-minute load average at the start of each run in the table), so read the figures as
relative. Server: \`api/node.ts\` with no \`DATABASE_URL\` (embedded PGlite + PostGIS in a fresh data folder, ${
    size > 0 ? `${size.toLocaleString('en')} synthetic places` : 'the Jiangbei sample'
  }), a fresh process per row. Query: the nearest 10 with \`${FILTERS}\` from a random grid point, wrk asking for
gzip, ${seconds} s per row after 3 s of warm-up. Latencies are over all answers, 503s included, as wrk sees them; RSS is
the server's after warm-up and its peak during the row, sampled every 0.1 s.
"Bounded" is the default (\`LOAD_SHED=auto\`: one API request at the database at a time, one that would wait more than
${args.budget} ms is answered 503 with \`Retry-After\` at once); "unbounded" is \`LOAD_SHED=off\`. "Served" is the rate of
200 answers. wrk is a closed loop that re-sends at once after a 503 (it ignores \`Retry-After\`), so at many connections
most answers are 503s, each answered in well under a millisecond, while the served rate stays near what the database
gives; p99 then mostly describes the requests that were served.

| queue | connections | req/s | served req/s | p50 ms | p99 ms | 503 | socket errors | RSS before → peak MB | load |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows
  .map(
    (r) =>
      `| ${r.shed ? 'bounded' : 'unbounded'} | ${r.connections} | ${r.result.requestsPerSecond.toFixed(0)} | ${(r.result.requestsPerSecond * (r.result.statuses['200'] ?? 0)).toFixed(0)} | ${r.result.p50Ms.toFixed(0)} | ${r.result.p99Ms.toFixed(0)} | ${pct(r.result.statuses['503'])} | ${r.result.errors} | ${r.startRssMb.toFixed(0)} → ${r.peakRssMb.toFixed(0)} | ${r.load.toFixed(1)} |`,
  )
  .join('\n')}
`,
)
console.error('wrote docs/benchmarks.md')
