import { Hono } from 'hono'
import { requireAdmin } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { runImport } from '../import/run-import.js'
import { ApiError } from '../lib/problem.js'
import { parseQuery } from '../lib/query-params.js'
import { IMPORT_QUERY_PARAMS, ImportQuery } from '../schemas/import.js'
import { json, problem, route } from '../openapi/describe.js'
import { ImportReportSchema } from '../schemas/import.js'
import { GEOJSON } from '../ogc/documents.js'

/** The import of `npm run import` for administrators: preview with dry_run=true, then confirm. */
export const importRoutes = new Hono<AppEnv>()

const BODY_TYPES = { csv: /^text\/(csv|plain)\b/i, geojson: /^application\/(geo\+)?json\b/i }

importRoutes.post(
  '/import',
  route({
    operationId: 'importPlaces',
    summary: 'Import a CSV or GeoJSON file of places (admin); dry_run=true previews the validation report',
    description:
      "The same import as `npm run import` (see docs/import.md): the body is the file's bytes, its encoding detected (UTF-8 with or without BOM, UTF-16 LE/BE with BOM, GB18030/GBK). Bodies are limited to 1 MB; use the command for larger files. Every place written gets an audit row.",
    tags: ['open data'],
    security: ['staffSession'],
    query: ImportQuery,
    body: { content: { 'text/csv': { jsonSchema: { type: 'string' } }, [GEOJSON]: { jsonSchema: { type: 'object' } } } },
    responses: {
      200: json('The report (written, or what a dry run would write)', ImportReportSchema),
      400: problem('Invalid query'),
      401: problem('Not signed in'),
      403: problem('Not an administrator'),
      413: problem('Body over 1 MB (`fileProblem.code` = file_too_large)'),
      415: problem('Body type does not match format'),
      422: problem(
        'Unreadable file (empty, unknown encoding, NUL, missing columns, unconvertible crs…) or rejected rows; nothing written. The report is in the `report` member, each problem with a `code` and `params`',
      ),
    },
  }),
  async (c) => {
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
  },
)
