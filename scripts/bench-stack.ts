/**
 * `npm run bench:stack`: the Node stack's own CPU per search, with the database taken out. The app and the Node
 * server's request listener (the one `npm start` serves through: @hono/node-server, compression, cache and
 * security headers) answer the benchmark's search in-process, over rows read from PostgreSQL once and replayed:
 * no socket, no driver, no PostgreSQL. What it shows is what the lean-path work can still cut; the whole cost per
 * request is in the API table (`npm run bench`). Writes "API: the Node stack alone" in docs/benchmarks.md.
 * BENCH_DATABASE_URL as for `npm run bench` (its places must be loaded: run that first). Options: --requests 5000
 * --rounds 7 (the figure is the best round: interference only ever adds time).
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { getRequestListener } from '@hono/node-server'
import { Kysely } from 'kysely'
import type pg from 'pg'
import { createApp } from '../api/app.js'
import { createPostgresPool } from '../api/db/connect-postgres.js'
import { PostgresDialectWithCache } from '../api/db/query-compiler.js'
import type { Database } from '../api/db/schema.js'
import { createNodeStack } from '../api/server/node-server.js'
import { replaceSection } from './bench/report.js'

const { values: args } = parseArgs({
  options: { requests: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '7' } },
})
const requests = Number(args.requests)
const rounds = Number(args.rounds)
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waystation_bench'
const FILTERS = 'amenity=drinking_water,meal_heating&open_now=true&limit=10'

// Each distinct statement goes to PostgreSQL once; its result is then replayed (parsed rows, shared as they are).
const real = createPostgresPool(databaseUrl)
const results = new Map<string, Promise<pg.QueryResult>>()
const client = {
  query(config: string | { text: string }, values?: unknown[]) {
    const text = typeof config === 'string' ? config : config.text
    let result = results.get(text)
    if (!result) results.set(text, (result = real.query(text, values)))
    return result
  },
  release() {},
}
const replaying = { connect: () => Promise.resolve(client), end: () => Promise.resolve() }
const db = new Kysely<Database>({ dialect: new PostgresDialectWithCache({ pool: replaying as unknown as pg.Pool }) })
const app = createApp({ db, config: { tileHosts: [], trustedProxies: [] } })
const listener = getRequestListener(createNodeStack({ app, tileHosts: [], webDist: '', trustedProxies: [] }).fetch)

// What node:http hands the listener, reduced to what it reads; a random grid point per request, as wrk asks.
let seed = 7
const random = (n: number) => (seed = (seed * 16807) % 2147483647) % n
const rawHeaders = ['Host', '127.0.0.1:8787', 'Accept-Encoding', 'gzip', 'Connection', 'keep-alive']
const headers = { host: '127.0.0.1:8787', 'accept-encoding': 'gzip', connection: 'keep-alive' }
let wireBytes = 0
function search(): Promise<void> {
  const lat = (29.86 + random(70) * 0.002).toFixed(3)
  const lng = (121.42 + random(110) * 0.002).toFixed(3)
  return new Promise((resolve, reject) => {
    const incoming = {
      method: 'GET',
      url: `/api/v1/places?lat=${lat}&lng=${lng}&${FILTERS}`,
      headers,
      rawHeaders,
      socket: { remoteAddress: '127.0.0.1', encrypted: false },
      on() {},
    }
    let status = 0
    const outgoing = {
      writable: true,
      on() {},
      writeHead(code: number) {
        status = code
      },
      end(body: Uint8Array) {
        wireBytes = body.byteLength
        if (status === 200) resolve()
        else reject(new Error(`status ${status}`))
      },
    }
    void listener(incoming as never, outgoing as never)
  })
}

const loadBefore = loadavg()[0]!.toFixed(1)
for (let i = 0; i < 3000; i++) await search() // warm: JIT, the replayed rows, the caches
const perRound: number[] = []
for (let round = 0; round < rounds; round++) {
  const start = process.cpuUsage()
  for (let i = 0; i < requests; i++) await search()
  const used = process.cpuUsage(start)
  perRound.push((used.user + used.system) / requests)
}
await real.end()
const sorted = [...perRound].sort((a, b) => a - b)
const best = sorted[0]!
const median = sorted[Math.floor(sorted.length / 2)]!
console.error(
  `Node stack alone: best ${best.toFixed(0)} µs, median ${median.toFixed(0)} µs per search (${perRound.map((v) => v.toFixed(0)).join(', ')})`,
)

replaceSection(
  'API: the Node stack alone',
  `Written by \`npm run bench:stack\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, 1-minute load average before ${loadBefore}, after ${loadavg()[0]!.toFixed(1)}.

The search of the API table (\`${FILTERS}\`, a random grid point each time) answered in-process by the app behind
the Node server's own request listener (compression, cache and security headers, @hono/node-server's request and
response objects) over rows read once from PostgreSQL and replayed: no socket, no driver, no database. CPU time
(user + system) per search, ${rounds} rounds of ${requests.toLocaleString('en')}; the best round is the figure (interference
only ever adds time).

| Node stack alone, CPU per search | best | median | answer on the wire |
|---|---:|---:|---:|
| \`GET /api/v1/places\` (gzip) | ${best.toFixed(0)} µs | ${median.toFixed(0)} µs | ${wireBytes.toLocaleString('en')} bytes |

The whole request in the server (the API table's "server CPU") adds HTTP parsing, the socket writes and the pg
driver's protocol and row parsing to this.`,
)
