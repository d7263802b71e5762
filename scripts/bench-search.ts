/**
 * `npm run bench:search`: `q=` text search at 150,000 synthetic places, on real PostGIS and on the embedded
 * PGlite, measured as the API's own query (placesQuery, compiled by Kysely) run one at a time, next to the strpos
 * scan it replaced on the same data. Writes the "Text search" section of docs/benchmarks.md.
 * Options: --size 150000 --queries 60. PostGIS: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/waystation_bench).
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { createEmbeddedDb } from '../api/db/connect-embedded.js'
import { createPostgresDb } from '../api/db/connect-postgres.js'
import type { DatabaseHandle } from '../api/db/handle.js'
import { migrate } from '../api/db/migrate.js'
import { readMigrationFiles } from '../api/db/migration-files.js'
import { NO_HOLIDAYS } from '../api/domain/opening-hours.js'
import { placesQuery, withAreas } from '../api/queries/places.js'
import { PlacesQuery } from '../api/schemas/places-query.js'
import { replaceSection } from './bench/report.js'
import { percentile } from './bench/stats.js'
import { loadSyntheticPlaces, queryPoints } from './bench/synthetic-places.js'

const { values: args } = parseArgs({
  options: { size: { type: 'string', default: '150000' }, queries: { type: 'string', default: '60' } },
})
const size = Number(args.size)
const queries = Number(args.queries)
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waystation_bench'

/** Needle kinds: what people type. Synthetic names are 测试驿站N / Bench station N, addresses 宁波市江北区测试路N号. */
const NEEDLES: Array<{ kind: string; needle: (i: number) => string }> = [
  { kind: 'a station name (rare, 6+ chars)', needle: (i) => `测试驿站${1 + ((i * 7919) % size)}` },
  { kind: 'part of an address (路123)', needle: (i) => `路${100 + (i % 800)}号`.slice(0, 4) },
  { kind: 'English, mixed case', needle: (i) => `Station ${1 + ((i * 104729) % size)}` },
  { kind: 'a common word (every place)', needle: () => '测试路' },
  { kind: 'one character', needle: (i) => '驿站路区'[i % 4]! },
]

interface Row {
  db: string
  kind: string
  order: string
  indexedP50: number
  indexedP99: number
  scanP50: number
}

async function time(run: () => Promise<unknown>) {
  const t = performance.now()
  await run()
  return performance.now() - t
}

async function measure(name: string, handle: DatabaseHandle): Promise<Row[]> {
  const rows: Row[] = []
  const points = queryPoints()
  const now = new Date('2026-11-25T02:00:00Z')
  for (const { kind, needle } of NEEDLES)
    for (const order of ['nearest 20', 'by id, 20']) {
      const indexed: number[] = []
      const scan: number[] = []
      for (let i = 0; i < queries; i++) {
        const q = needle(i)
        const { lat, lng } = points.next().value
        const filters = PlacesQuery.parse({ q, limit: '20', ...(order.startsWith('nearest') ? { lat, lng } : {}) })
        // As the API runs it: the (few) areas matching the needle first, then the places.
        indexed.push(
          await time(async () => placesQuery(handle.db, await withAreas(handle.db, filters), now, NO_HOLIDAYS).execute()),
        )
        // The strpos scan the index replaced, a third as often (it is slow), same filters otherwise.
        if (i % 3 === 0) {
          const { q: _q, ...rest } = filters
          const lower = q.toLowerCase()
          scan.push(
            await time(() =>
              placesQuery(handle.db, rest, now, NO_HOLIDAYS)
                .where(
                  sql<boolean>`(strpos(p.search_text, ${lower}) > 0 OR strpos(lower(coalesce(a.name_zh, '') || ' ' || coalesce(a.name_en, '')), ${lower}) > 0)`,
                )
                .execute(),
            ),
          )
        }
      }
      indexed.sort((a, b) => a - b)
      scan.sort((a, b) => a - b)
      const row = {
        db: name,
        kind,
        order,
        indexedP50: percentile(indexed, 50),
        indexedP99: percentile(indexed, 99),
        scanP50: percentile(scan, 50),
      }
      console.error(`  ${name} · ${kind} · ${order}: p50 ${row.indexedP50.toFixed(2)} ms (scan ${row.scanP50.toFixed(1)} ms)`)
      rows.push(row)
    }
  return rows
}

const results: Row[] = []
{
  console.error(`PostGIS: loading ${size} places…`)
  const handle = createPostgresDb(databaseUrl, { max: 1, statementTimeoutMillis: 600_000 })
  await migrate(handle, await readMigrationFiles())
  await loadSyntheticPlaces(handle.db, size)
  results.push(...(await measure('PostGIS', handle)))
  await handle.close()
}
{
  console.error(`PGlite: loading ${size} places (in memory)…`)
  const handle = await createEmbeddedDb({ dataDir: 'memory://' })
  await migrate(handle, await readMigrationFiles())
  await loadSyntheticPlaces(handle.db, size)
  results.push(...(await measure('PGlite', handle)))
  await handle.close()
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, 1-minute load average at the end ${loadavg()[0]!.toFixed(1)}`
replaceSection(
  'Text search',
  `Written by \`npm run bench:search\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}
(times move by milliseconds between runs). ${size.toLocaleString('en')} synthetic places, ${queries} queries per row, one at a time,
timed in the client (the API's query as Kysely compiles it, round trip included). "scan" is the \`strpos\` scan over
every place that \`q=\` ran before migration 0030, on the same data in the same run. Budget: p50 ≤ 20 ms on both databases.

| database | needle | order | p50 ms | p99 ms | scan p50 ms |
|---|---|---|---:|---:|---:|
${results.map((r) => `| ${r.db} | ${r.kind} | ${r.order} | ${r.indexedP50.toFixed(2)} | ${r.indexedP99.toFixed(2)} | ${r.scanP50.toFixed(1)} |`).join('\n')}

How it works: a GIN expression index holds, for each place, the set of characters and adjacent character pairs of
its lower-cased names and address (\`search_grams(search_text)\`, nothing stored in the row); a needle's pairs (or its one character) must all be in the set, and
\`strpos\` then keeps the exact matches. It needs no tokenizer and no \`pg_trgm\` (which ignores CJK under a C
locale), so PGlite runs the same SQL. \`tests/api/search-index.test.ts\` checks that it returns exactly what the scan
returns.
`,
)
console.error('wrote docs/benchmarks.md')
