/**
 * `npm run bench:holidays`: what public holidays cost the nearest-10 `open_now` query at 100k places. Loads the
 * synthetic places (a quarter of them office hours closed on public holidays) into real PostGIS and measures, on
 * the server (EXPLAIN ANALYZE, TIMING OFF: planning + execution, no network or client), the query the API runs at
 * an ordinary instant and on a public holiday, and the calendar read each request adds. Prints a Markdown table.
 * BENCH_DATABASE_URL as for `npm run bench`. Options: --places 100000 --queries 1000
 */
import { parseArgs } from 'node:util'
import { CompiledQuery } from 'kysely'
import { createPostgresDb } from '../api/db/connect-postgres.js'
import { migrate } from '../api/db/migrate.js'
import { readMigrationFiles } from '../api/db/migration-files.js'
import { toLocalTime } from '../api/domain/local-time.js'
import { loadCalendarWindow } from '../api/queries/holidays.js'
import { placesQuery } from '../api/queries/places.js'
import { PlacesQuery } from '../api/schemas/places-query.js'
import { loadSyntheticPlaces, queryPoints } from './bench/synthetic-places.js'

const { values: args } = parseArgs({
  options: { places: { type: 'string', default: '100000' }, queries: { type: 'string', default: '1000' } },
})
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waystation_bench'
const handle = createPostgresDb(url, { max: 1, statementTimeoutMillis: 600_000 })
const db = handle.db
await migrate(handle, await readMigrationFiles())
await loadSyntheticPlaces(db, Number(args.places))

async function serverMs(compiled: CompiledQuery): Promise<[number, number]> {
  const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) ${compiled.sql}`, [...compiled.parameters]),
  )
  const ms = (key: string) =>
    Number(/([\d.]+) ms/.exec(plan.rows.find((r) => r['QUERY PLAN'].startsWith(key))!['QUERY PLAN'])![1])
  return [ms('Planning Time'), ms('Execution Time')]
}
const p = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.floor(list.length * q)]!.toFixed(3)

console.log(
  `| instant (${Number(args.places).toLocaleString('en')} places) | planning p50 ms | execution p50 ms | execution p90 ms |`,
)
console.log('|---|---:|---:|---:|')
for (const [label, instant] of [
  ['ordinary Wednesday 2026-11-25 10:00', '2026-11-25T10:00:00+08:00'],
  ['National Day 2026-10-02 10:00', '2026-10-02T10:00:00+08:00'],
  ['make-up workday 2026-10-10 10:00', '2026-10-10T10:00:00+08:00'],
] as const) {
  const now = new Date(instant)
  const calendar = (await loadCalendarWindow(db, toLocalTime(now).date)).kinds
  const points = queryPoints()
  const planning: number[] = []
  const execution: number[] = []
  for (let i = 0; i < Number(args.queries) + 50; i++) {
    const { lat, lng } = points.next().value
    const filters = PlacesQuery.parse({ lat, lng, amenity: 'drinking_water,meal_heating', open_now: 'true', limit: '10' })
    const [plan, exec] = await serverMs(placesQuery(db, filters, now, calendar).compile())
    if (i < 50) continue
    planning.push(plan)
    execution.push(exec)
  }
  console.log(`| ${label} | ${p(planning, 0.5)} | ${p(execution, 0.5)} | ${p(execution, 0.9)} |`)
}
const calendarRead: number[] = []
for (let i = 0; i < 500; i++) {
  const [plan, exec] = await serverMs(
    db.selectFrom('holiday_calendar').selectAll().where('date', '>=', '2026-11-24').where('date', '<=', '2026-12-09').compile(),
  )
  calendarRead.push(plan + exec)
}
console.log(`| the calendar window read (each request) | — | ${p(calendarRead, 0.5)} (planning + execution) | — |`)
await handle.close()
