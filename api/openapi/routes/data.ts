import { z } from 'zod'
import { COLUMN_NAMES } from '../../import/columns.js'
import { ExportQuery } from '../../schemas/export.js'
import { ImportQuery, ImportReportSchema } from '../../schemas/import.js'
import {
  OgcCollection,
  OgcCollections,
  OgcConformance,
  OgcFeature,
  OgcFeatureCollection,
  OgcItemsQuery,
  OgcLanding,
} from '../../schemas/ogc.js'
import { PlaceId } from '../../schemas/place-record.js'
import { defineRoutes, json, problem } from '../registry.js'

const GEOJSON = 'application/geo+json'
const collectionParams = z.object({ collectionId: z.literal('places') })

/** Open-data export (api/routes/export.ts) and OGC API – Features (api/routes/ogc.ts). */
export const dataRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/v1/export.csv',
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
  },
  {
    method: 'get',
    path: '/api/v1/export.geojson',
    operationId: 'exportGeoJson',
    summary: 'All public places as a GeoJSON FeatureCollection (properties = the import columns)',
    tags: ['open data'],
    query: ExportQuery,
    responses: {
      200: {
        description: 'Streamed GeoJSON',
        content: { [GEOJSON]: { jsonSchema: { type: 'object', required: ['type', 'features'] } } },
      },
      400: problem('Unknown parameter'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/import',
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
  },
  {
    method: 'get',
    path: '/ogc',
    operationId: 'ogcLanding',
    summary: 'OGC API – Features landing page',
    tags: ['OGC API Features'],
    responses: { 200: json('Landing page', OgcLanding) },
  },
  {
    method: 'get',
    path: '/ogc/conformance',
    operationId: 'ogcConformance',
    summary: 'Conformance classes',
    tags: ['OGC API Features'],
    responses: { 200: json('Conformance', OgcConformance) },
  },
  {
    method: 'get',
    path: '/ogc/collections',
    operationId: 'ogcCollections',
    summary: 'Feature collections',
    tags: ['OGC API Features'],
    responses: { 200: json('Collections', OgcCollections) },
  },
  {
    method: 'get',
    path: '/ogc/collections/:collectionId',
    operationId: 'ogcCollection',
    summary: 'The places collection with its spatial extent',
    tags: ['OGC API Features'],
    params: collectionParams,
    responses: { 200: json('Collection', OgcCollection), 404: problem('No such collection') },
  },
  {
    method: 'get',
    path: '/ogc/collections/:collectionId/items',
    operationId: 'ogcItems',
    summary: 'Places as GeoJSON, by bbox and category, paged by offset',
    tags: ['OGC API Features'],
    params: collectionParams,
    query: OgcItemsQuery,
    responses: {
      200: json('A page of features', OgcFeatureCollection, GEOJSON),
      400: problem('Invalid query'),
      404: problem('No such collection'),
    },
  },
  {
    method: 'get',
    path: '/ogc/collections/:collectionId/items/:featureId',
    operationId: 'ogcFeature',
    summary: 'One place as a GeoJSON Feature',
    tags: ['OGC API Features'],
    params: collectionParams.extend({ featureId: PlaceId }),
    responses: { 200: json('Feature', OgcFeature, GEOJSON), 404: problem('No such feature') },
  },
])
