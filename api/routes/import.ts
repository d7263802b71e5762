import { Hono } from 'hono'
import { requireAdmin } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { runImport } from '../import/run-import.js'
import { ApiError } from '../lib/problem.js'
import { parseQuery } from '../lib/query-params.js'
import { IMPORT_QUERY_PARAMS, ImportQuery } from '../schemas/import.js'

/** The import of `npm run import` for administrators: preview with dry_run=true, then confirm. */
export const importRoutes = new Hono<AppEnv>()

const BODY_TYPES = { csv: /^text\/(csv|plain)\b/i, geojson: /^application\/(geo\+)?json\b/i }

importRoutes.post('/import', async (c) => {
  const staff = await requireAdmin(c)
  const query = parseQuery(c, ImportQuery, IMPORT_QUERY_PARAMS)
  if (!BODY_TYPES[query.format].test(c.req.header('content-type') ?? ''))
    throw new ApiError(415, query.format === 'csv' ? 'Send the file as text/csv' : 'Send the file as application/geo+json')
  // Bytes, not text: the import detects the encoding (a GBK file read as UTF-8 would be written as mojibake).
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  const report = await runImport(c.get('db'), bytes, {
    format: query.format,
    crs: query.crs,
    category: query.category,
    organisation: query.organisation,
    source: `import:web (${staff.username})`,
    dryRun: query.dry_run,
    skipInvalid: query.skip_invalid,
    actor: { accountId: staff.id, username: staff.username },
    now: c.get('now'),
  })
  c.header('Cache-Control', 'no-store')
  if (report.fileProblem) throw new ApiError(422, report.fileProblem.message, { report })
  if (!report.dryRun && !report.written)
    throw new ApiError(422, `${new Set(report.rejected.map((r) => r.line)).size} row(s) rejected; nothing written`, { report })
  return c.json(report)
})
