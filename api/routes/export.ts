import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { csvHeader, csvRow, geoJsonFeature } from '../lib/export-formats.js'
import { UTF8_BOM } from '../import/csv.js'
import { parseQuery } from '../lib/query-params.js'
import { exportPlaceRows, type ExportRow } from '../queries/export.js'
import { ExportQuery } from '../schemas/export.js'
import { problem, route } from '../openapi/describe.js'
import { COLUMN_NAMES } from '../import/columns.js'

export const exportRoutes = new Hono<AppEnv>()

/**
 * A body that pulls one batch of rows at a time from the database as the client reads: memory stays at one
 * batch, however many places there are.
 */
function streamRows(
  batches: AsyncGenerator<ExportRow[]>,
  head: string,
  row: (r: ExportRow, first: boolean) => string,
  tail: string,
) {
  const encoder = new TextEncoder()
  let first = true
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head))
    },
    async pull(controller) {
      const next = await batches.next()
      if (next.done) {
        controller.enqueue(encoder.encode(tail))
        controller.close()
        return
      }
      controller.enqueue(
        encoder.encode(
          next.value
            .map((r) => {
              const text = row(r, first)
              first = false
              return text
            })
            .join(''),
        ),
      )
    },
    async cancel() {
      await batches.return(undefined)
    },
  })
}

const download = (name: string) => ({ 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' })

exportRoutes.get(
  '/export.csv',
  route({
    operationId: 'exportCsv',
    summary: 'All public places as CSV (UTF-8 with BOM), in the columns `npm run import` reads',
    tags: ['open data'],
    query: ExportQuery,
    responses: {
      200: {
        description: 'Streamed CSV',
        content: { 'text/csv': { jsonSchema: { type: 'string' }, example: `${COLUMN_NAMES.join(',')}\r\n…` } },
      },
      400: problem('Unknown parameter'),
    },
  }),
  (c) => {
    parseQuery(c, ExportQuery, [])
    const body = streamRows(exportPlaceRows(c.get('db')), UTF8_BOM + csvHeader(), (r) => csvRow(r), '')
    return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8', ...download('waystation-places.csv') })
  },
)

exportRoutes.get(
  '/export.geojson',
  route({
    operationId: 'exportGeoJson',
    summary: 'All public places as a GeoJSON FeatureCollection (properties = the import columns)',
    tags: ['open data'],
    query: ExportQuery,
    responses: {
      200: {
        description: 'Streamed GeoJSON',
        content: {
          'application/geo+json': {
            jsonSchema: {
              type: 'object',
              required: ['type', 'features'],
              properties: { type: { const: 'FeatureCollection' }, features: { type: 'array' } },
            },
          },
        },
      },
      400: problem('Unknown parameter'),
    },
  }),
  (c) => {
    parseQuery(c, ExportQuery, [])
    const body = streamRows(
      exportPlaceRows(c.get('db')),
      '{"type":"FeatureCollection","features":[\n',
      (r, first) => `${first ? '' : ',\n'}${JSON.stringify(geoJsonFeature(r))}`,
      '\n]}\n',
    )
    return c.body(body, 200, { 'Content-Type': 'application/geo+json; charset=utf-8', ...download('waystation-places.geojson') })
  },
)
