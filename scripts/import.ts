/**
 * npm run import -- FILE [--format csv|geojson] [--crs wgs84|gcj02|bd09] [--dry-run] [--category CODE]
 *                       [--skip-invalid] [--bounds minLng,minLat,maxLng,maxLat] [--source TEXT] [--json]
 * Imports places into DATABASE_URL (or the embedded database in DATA_DIR, default data/pglite). See docs/import.md.
 */
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { parseArgs } from 'node:util'
import { createPostgresDb } from '../api/db/connect-postgres.js'
import { openDatabase } from '../api/db/open.js'
import { CRS_NAMES, JIANGBEI_BOUNDS, parseBounds, type Crs } from '../api/import/coordinates.js'
import { formatReport } from '../api/import/report.js'
import { runImport } from '../api/import/run-import.js'
import { progressBar } from './progress-bar.js'

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    crs: { type: 'string', default: 'wgs84' },
    'dry-run': { type: 'boolean', default: false },
    category: { type: 'string' },
    'skip-invalid': { type: 'boolean', default: false },
    bounds: { type: 'string' },
    source: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run import -- FILE [--format csv|geojson] [--crs wgs84|gcj02|bd09] [--dry-run] [--category CODE] [--skip-invalid] [--bounds minLng,minLat,maxLng,maxLat] [--source TEXT] [--json]`,
  )
  process.exit(2)
}

const file = positionals[0] ?? usage('No file given.')
const format = opts.format ?? (/\.(geo)?json$/i.test(extname(file)) ? 'geojson' : 'csv')
if (format !== 'csv' && format !== 'geojson') usage(`--format must be csv or geojson, not '${format}'`)
if (!CRS_NAMES.includes(opts.crs as Crs)) usage(`--crs must be one of ${CRS_NAMES.join(', ')}`)
const bounds =
  opts.bounds === undefined
    ? JIANGBEI_BOUNDS
    : (parseBounds(opts.bounds) ?? usage('--bounds must be minLng,minLat,maxLng,maxLat'))

// A batch of a large import may take longer than the API's 5 s statement limit on a busy server.
const handle = process.env.DATABASE_URL
  ? createPostgresDb(process.env.DATABASE_URL, { statementTimeoutMillis: 300_000, connectionTimeoutMillis: 10_000 })
  : await openDatabase({ dataDir: process.env.DATA_DIR ?? 'data/pglite' })
const bar = progressBar(process.stderr)
const started = performance.now()
try {
  const report = await runImport(handle.db, readFileSync(file, 'utf8'), {
    format,
    crs: opts.crs as Crs,
    bounds,
    category: opts.category,
    source: opts.source ?? `import:${basename(file)}`,
    dryRun: opts['dry-run'],
    skipInvalid: opts['skip-invalid'],
    // Writing runs one batch behind checking, so one bar of rows checked shows the progress of both.
    onProgress: (phase, done, total) => phase === 'validate' && bar.update('importing', done, total),
  })
  bar.done()
  if (opts.json) console.log(JSON.stringify(report, null, 2))
  else process.stdout.write(formatReport(report, format === 'csv' ? 'line' : 'feature'))
  console.error(`(${((performance.now() - started) / 1000).toFixed(1)} s)`)
  process.exitCode = report.fileError || (report.rejected.length && !opts['skip-invalid']) ? 1 : 0
} finally {
  await handle.close()
}
