/**
 * `npm run bench`: the nearest-10-with-filters query at 1k, 10k and 100k places in real PostGIS, measured in one
 * run (a) as raw SQL through the pg driver and (b) over HTTP through the running Node server (concurrency 16),
 * and written to docs/benchmarks.md. Needs PostgreSQL+PostGIS: BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/waystation_bench, created if missing). Options: --sizes 1000,10000 --seconds 10
 */
import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { createPostgresDb } from '../api/db/connect-postgres.js'
import { migrate } from '../api/db/migrate.js'
import { readMigrationFiles } from '../api/db/migration-files.js'
import { toLocalTime } from '../api/domain/local-time.js'
import { loadCalendarWindow } from '../api/queries/holidays.js'
import { placesQuery } from '../api/queries/places.js'
import { PlacesQuery } from '../api/schemas/places-query.js'
import { loadHttp, nodeServer, type HttpTarget } from './bench/http-target.js'
import { workerDev } from './bench/worker-target.js'
import { writeBenchmarkSection } from './bench/report.js'
import { closedLoop, type RunResult } from './bench/stats.js'
import { loadSyntheticPlaces, queryPoints } from './bench/synthetic-places.js'

const { values: args } = parseArgs({
  options: { sizes: { type: 'string', default: '1000,10000,100000' }, seconds: { type: 'string', default: '10' } },
})
const sizes = args.sizes.split(',').map(Number)
const seconds = Number(args.seconds)
const CONCURRENCY = 16
const FILTERS = 'amenity=drinking_water,meal_heating&open_now=true&limit=10'
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waystation_bench'

/** Further HTTP targets (e.g. the Worker under wrangler dev) are appended here. */
const httpTargets: HttpTarget[] = [nodeServer, workerDev]

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

await ensureDatabase(databaseUrl)
const handle = createPostgresDb(databaseUrl, { max: 10 })
await migrate(handle, await readMigrationFiles())
const points = queryPoints()
const nextPath = () => {
  const { lat, lng } = points.next().value!
  return `/api/v1/places?lat=${lat}&lng=${lng}&${FILTERS}`
}

const results: Array<{ size: number; runs: RunResult[] }> = []
for (const size of sizes) {
  console.error(`\n${size} places: loading…`)
  const loader = createPostgresDb(databaseUrl, { max: 1, statementTimeoutMillis: 600_000 })
  await loadSyntheticPlaces(loader.db, size)
  await loader.close()
  const runs: RunResult[] = []

  // (a) The query the API runs, compiled by Kysely, executed straight through the driver (the API first reads
  // the holiday calendar around the day, one indexed range scan per request; here it is read once).
  const calendar = (await loadCalendarWindow(handle.db, toLocalTime(new Date()).date)).kinds
  const rawQuery = () => {
    const { lat, lng } = points.next().value!
    const filters = PlacesQuery.parse({ lat, lng, amenity: 'drinking_water,meal_heating', open_now: 'true', limit: '10' })
    return placesQuery(handle.db, filters, new Date(), calendar).execute()
  }
  const sampleRows = await rawQuery()
  const raw = await closedLoop(rawQuery, CONCURRENCY, seconds)
  runs.push({ target: 'Raw SQL (pg driver, same query)', ...raw, bytes: JSON.stringify(sampleRows).length })
  console.error(`  raw SQL: ${raw.requestsPerSecond.toFixed(0)} req/s, p99 ${raw.p99Ms.toFixed(2)} ms`)

  // (b) The same query over HTTP.
  for (const target of httpTargets) {
    const server = await target.start(databaseUrl)
    try {
      const run = await loadHttp(server.baseUrl, nextPath, CONCURRENCY, seconds)
      runs.push({ target: target.name, ...run, ...(target.note ? { note: target.note } : {}) })
      console.error(`  ${target.name}: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.p99Ms} ms`)
    } finally {
      await server.stop()
    }
  }
  results.push({ size, runs })
}
await handle.close()

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL at ${new URL(databaseUrl).host}`
await writeBenchmarkSection('API', {
  date: new Date().toISOString().slice(0, 10),
  machine,
  seconds,
  concurrency: CONCURRENCY,
  filters: FILTERS,
  results,
})
console.error('\nwrote docs/benchmarks.md')
