/**
 * `npm run bench:viewport`: GET /api/v1/places/viewport at 150,000 synthetic places in real PostGIS, for a phone
 * screen (400 × 800 px) at every zoom from city to street, with and without filters. Server time is the app's own
 * (createApp over the pg pool, `app.request`, no socket), one request at a time; bytes are the JSON body and its
 * gzip. Writes the "Map viewport" section of docs/benchmarks.md.
 * Options: --size 150000 --requests 40. BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/waystation_bench).
 * --embedded: the same on the embedded PGlite + PostGIS (a temporary data folder, loaded afresh), written to the
 * "Map viewport on the embedded database" section instead.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { cpus, loadavg, tmpdir } from 'node:os'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { createApp } from '../api/app.js'
import { createEmbeddedDb } from '../api/db/connect-embedded.js'
import { createPostgresDb } from '../api/db/connect-postgres.js'
import { migrate } from '../api/db/migrate.js'
import { readMigrationFiles } from '../api/db/migration-files.js'
import { snapBboxOutward } from '../api/lib/location-grid.js'
import { replaceSection } from './bench/report.js'
import { percentile } from './bench/stats.js'
import { loadSyntheticPlaces } from './bench/synthetic-places.js'

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '150000' },
    requests: { type: 'string', default: '40' },
    reuse: { type: 'boolean', default: false },
    embedded: { type: 'boolean', default: false },
  },
})
const size = Number(args.size)
const requests = Number(args.requests)
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waystation_bench'

const embeddedDir = args.embedded ? mkdtempSync(join(tmpdir(), 'waystation-bench-viewport-')) : undefined
const handle = embeddedDir
  ? await createEmbeddedDb({ dataDir: join(embeddedDir, 'pglite') })
  : createPostgresDb(databaseUrl, { max: 4, statementTimeoutMillis: 600_000 })
await migrate(handle, await readMigrationFiles())
const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM place WHERE id LIKE 'bench-%'`.execute(handle.db)
if (embeddedDir || !args.reuse || Number(rows[0]!.n) !== size) {
  console.error(`loading ${size} places…`)
  await loadSyntheticPlaces(handle.db, size) // settles the database too (VACUUM ANALYZE)
} else await sql`VACUUM ANALYZE`.execute(handle.db) // reused: a migration may have just filled the kept counts
/** An ordinary Wednesday at 10:00, and National Day (a public holiday) at 10:00, both Shanghai time. */
const DAYS = [
  { day: 'ordinary', at: new Date('2026-11-25T02:00:00Z') },
  { day: 'holiday', at: new Date('2026-10-01T02:00:00Z') },
]
let now = DAYS[0]!.at
const app = createApp({ db: handle.db, clock: () => now })

/** A phone's view (400 × 800 CSS px, 256-px tiles) at `zoom`, centred on a random point of the district. */
let seed = 11
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
function phoneView(zoom: number): string {
  const lng = 121.42 + random() * 0.22
  const lat = 29.86 + random() * 0.14
  const degPerPx = 360 / (256 * 2 ** zoom)
  const halfW = 200 * degPerPx
  const halfH = 400 * degPerPx * Math.cos((lat * Math.PI) / 180)
  return snapBboxOutward([lng - halfW, lat - halfH, lng + halfW, lat + halfH].map((v) => v.toFixed(6)).join(','))!
}

const FILTERS = [
  '',
  '&amenity=drinking_water,meal_heating&open_now=true',
  '&open_now=true',
  '&amenity=toilet',
  // The tap a worker makes most: one facility he needs, open now.
  '&amenity=toilet&open_now=true',
  '&category=clinic',
]
const ZOOMS = [10, 12, 14, 16, 17, 18]
const results: Array<{
  day: string
  zoom: number
  filters: string
  p50: number
  p99: number
  bytes: number
  gzip: number
  items: number
}> = []
for (const { day, at } of DAYS)
  for (const zoom of ZOOMS)
    for (const filters of FILTERS) {
      // On the holiday only what depends on the day: the views with open now.
      if (day !== 'ordinary' && !filters.includes('open_now')) continue
      now = at
      const times: number[] = []
      let bytes = 0
      let gzip = 0
      let items = 0
      for (let i = 0; i < requests; i++) {
        const t = performance.now()
        const res = await app.request(`/api/v1/places/viewport?bbox=${phoneView(zoom)}&zoom=${zoom}${filters}`)
        const body = await res.text()
        times.push(performance.now() - t)
        if (res.status !== 200) throw new Error(`${res.status} ${body}`)
        const view = JSON.parse(body) as { clusters: unknown[]; places: unknown[] }
        // The largest answer of the series is the one the budget is about.
        if (body.length > bytes) {
          bytes = body.length
          gzip = gzipSync(body).length
          items = view.clusters.length + view.places.length
        }
      }
      times.sort((a, b) => a - b)
      const row = {
        day,
        zoom,
        filters: filters.slice(1) || '(none)',
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        bytes,
        gzip,
        items,
      }
      console.error(
        `${day} zoom ${zoom} ${row.filters}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, max ${bytes} B (${gzip} B gzip)`,
      )
      results.push(row)
    }
await handle.close()
if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true })

const database = embeddedDir ? 'the embedded PGlite + PostGIS (in-process, on disk)' : 'real PostGIS'
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${
  embeddedDir ? 'PGlite' : `PostgreSQL at ${new URL(databaseUrl).host}`
}, 1-minute load average at the end ${loadavg()[0]!.toFixed(1)}`
replaceSection(
  embeddedDir ? 'Map viewport on the embedded database' : 'Map viewport',
  `Written by \`npm run bench:viewport\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}; shared with
other work (load average noted in the commit), so times move between runs. ${size.toLocaleString('en')} synthetic places spread over the
district (0.22° × 0.14°), ${database}. Each row: ${requests} views of a phone screen (400 × 800 px) at random
points, one request at a time, timed inside the server process (\`app.request\`: validation, queries, JSON; no
socket), at 10:00 on an ordinary Wednesday (2026-11-25) and, for the views with open now (the only ones the day
changes), on National Day (2026-10-01, a public holiday: a quarter of the places close on holidays). Bytes: the
largest answer of the row, as JSON and gzipped. Budget: ≤ 30 ms p50, ≤ 50 KB gzip.

| day | zoom | filters | p50 ms | p99 ms | largest JSON bytes | gzip bytes | clusters + places |
|---|---:|---|---:|---:|---:|---:|---:|
${results.map((r) => `| ${r.day} | ${r.zoom} | \`${r.filters}\` | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.bytes.toLocaleString('en')} | ${r.gzip.toLocaleString('en')} | ${r.items} |`).join('\n')}
`,
)
console.error('wrote docs/benchmarks.md')
