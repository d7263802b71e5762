/**
 * npm run import -- FILE [--format csv|geojson] [--crs wgs84|gcj02|bd09] [--dry-run] [--category CODE]
 *                       [--organisation ID|NAME] [--skip-invalid] [--bounds minLng,minLat,maxLng,maxLat]
 *                       [--source TEXT] [--json]
 * Imports places into DATABASE_URL (or the embedded database in DATA_DIR, default data/pglite). See docs/import.md.
 * Exit status: 0 written (or a clean dry run), 1 rows rejected or file unreadable, 2 bad options or no database.
 */
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { parseArgs } from 'node:util'
import { createPostgresDb } from '../api/db/connect-postgres.js'
import type { DatabaseHandle } from '../api/db/handle.js'
import { openDatabase } from '../api/db/open.js'
import { CRS_NAMES, JIANGBEI_BOUNDS, parseBounds, type Crs } from '../api/import/coordinates.js'
import { formatReport } from '../api/import/report.js'
import { runImport } from '../api/import/run-import.js'
import { vacuumPlacesIfStale } from '../api/queries/maintenance.js'
import { commandLineActor } from './command-line-actor.js'
import { progressBar } from './progress-bar.js'

const USAGE =
  'Usage: npm run import -- FILE [--format csv|geojson] [--crs wgs84|gcj02|bd09] [--dry-run] [--category CODE] [--organisation ID|NAME] [--skip-invalid] [--bounds minLng,minLat,maxLng,maxLat] [--source TEXT] [--json]'

/** Ends the run with a message people can act on: bad input never ends in a stack trace. */
function stop(message: string, status = 2): never {
  console.error(message)
  process.exit(status)
}

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        crs: { type: 'string', default: 'wgs84' },
        'dry-run': { type: 'boolean', default: false },
        category: { type: 'string' },
        organisation: { type: 'string' },
        'skip-invalid': { type: 'boolean', default: false },
        bounds: { type: 'string' },
        source: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    return stop(`${(error as Error).message}\n${USAGE}`)
  }
}

const { values: opts, positionals } = options()
const file = positionals[0] ?? stop(`No file given.\n${USAGE}`)
const format = opts.format ?? (/\.(geo)?json$/i.test(extname(file)) ? 'geojson' : 'csv')
if (format !== 'csv' && format !== 'geojson') stop(`--format must be csv or geojson, not '${format}'\n${USAGE}`)
if (!CRS_NAMES.includes(opts.crs as Crs)) stop(`--crs must be one of ${CRS_NAMES.join(', ')}\n${USAGE}`)
const bounds =
  opts.bounds === undefined
    ? JIANGBEI_BOUNDS
    : (parseBounds(opts.bounds) ?? stop(`--bounds must be minLng,minLat,maxLng,maxLat\n${USAGE}`))

let bytes: Buffer
try {
  bytes = readFileSync(file)
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  stop(
    code === 'ENOENT'
      ? `No such file: ${file}`
      : code === 'EISDIR'
        ? `${file} is a folder, not a file`
        : `Cannot read ${file}: ${(error as Error).message}`,
  )
}

async function openTarget(): Promise<DatabaseHandle> {
  try {
    // A batch of a large import may take longer than the API's 5 s statement limit on a busy server.
    return process.env.DATABASE_URL
      ? createPostgresDb(process.env.DATABASE_URL, { statementTimeoutMillis: 300_000, connectionTimeoutMillis: 10_000 })
      : await openDatabase({ dataDir: process.env.DATA_DIR ?? 'data/pglite' })
  } catch (error) {
    return stop(`Nothing imported: ${(error as Error).message}`)
  }
}

const handle = await openTarget()
const bar = progressBar(process.stderr)
const started = performance.now()
try {
  const report = await runImport(handle.db, bytes, {
    format,
    crs: opts.crs as Crs,
    bounds,
    category: opts.category,
    organisation: opts.organisation,
    source: opts.source ?? `import:${basename(file)}`,
    dryRun: opts['dry-run'],
    skipInvalid: opts['skip-invalid'],
    actor: commandLineActor('import'),
    now: new Date(),
    // Writing runs one batch behind checking, so one bar of rows checked shows the progress of both.
    onProgress: (phase, done, total) => phase === 'validate' && bar.update('importing', done, total),
  })
  bar.done()
  // The embedded database has no autovacuum: after a large import, statistics and the visibility map are stale.
  if (report.written && !opts['dry-run'] && handle.kind === 'embedded') await vacuumPlacesIfStale(handle.db)
  if (opts.json) console.log(JSON.stringify(report, null, 2))
  else process.stdout.write(formatReport(report, format === 'csv' ? 'line' : 'feature'))
  console.error(`(${((performance.now() - started) / 1000).toFixed(1)} s)`)
  process.exitCode = report.fileError || (report.rejected.length && !opts['skip-invalid']) ? 1 : 0
} catch (error) {
  bar.done()
  // Reading and validation report through the report; what is left is the database failing under us.
  console.error(`Nothing imported: the database failed (${(error as Error).message})`)
  process.exitCode = 1
} finally {
  await handle.close()
}
