import { Hono, type Context } from 'hono'
import type { AppEnv } from '../context.js'
import { toLocalTime } from '../domain/local-time.js'
import { collection, COLLECTION_ID, CONFORMANCE, feature, GEOJSON, JSON_TYPE, landingPage, link } from '../ogc/documents.js'
import { ApiError } from '../lib/problem.js'
import { parseQuery } from '../lib/query-params.js'
import { findOgcFeatures, getOgcFeature, placesExtent } from '../queries/ogc.js'
import { OGC_ITEMS_PARAMS, OgcItemsQuery } from '../schemas/ogc.js'
import { PlaceId } from '../schemas/place-record.js'
import { z } from 'zod'
import { json, problem, route } from '../openapi/describe.js'
import { OgcCollection, OgcCollections, OgcConformance, OgcFeature, OgcFeatureCollection, OgcLanding } from '../schemas/ogc.js'

const collectionParams = z.object({ collectionId: z.literal('places') })

/** OGC API – Features Part 1 (Core) over the places, for QGIS, GDAL and other GIS clients. */
export const ogcRoutes = new Hono<AppEnv>()

/** The absolute URL of /ogc as the client called it. */
const ogcBase = (c: Context) => `${new URL(c.req.url).origin}/ogc`
const respond = (c: Context, body: unknown, type: string) => c.body(JSON.stringify(body), 200, { 'Content-Type': type })

function requireCollection(id: string) {
  if (id !== COLLECTION_ID) throw new ApiError(404, `No collection '${id.slice(0, 80)}'; the only one is '${COLLECTION_ID}'`)
}

ogcRoutes.get(
  '/',
  route({
    operationId: 'ogcLanding',
    summary: 'OGC API – Features landing page',
    tags: ['OGC API Features'],
    responses: { 200: json('Landing page', OgcLanding) },
  }),
  (c) => respond(c, landingPage(ogcBase(c), new URL(c.req.url).origin), JSON_TYPE),
)

ogcRoutes.get(
  '/conformance',
  route({
    operationId: 'ogcConformance',
    summary: 'Conformance classes',
    tags: ['OGC API Features'],
    responses: { 200: json('Conformance', OgcConformance) },
  }),
  (c) => respond(c, { conformsTo: CONFORMANCE }, JSON_TYPE),
)

ogcRoutes.get(
  '/collections',
  route({
    operationId: 'ogcCollections',
    summary: 'Feature collections',
    tags: ['OGC API Features'],
    responses: { 200: json('Collections', OgcCollections) },
  }),
  async (c) => {
    const base = ogcBase(c)
    const extent = await placesExtent(c.get('db'))
    return respond(
      c,
      { links: [link(`${base}/collections`, 'self', JSON_TYPE)], collections: [collection(base, extent)] },
      JSON_TYPE,
    )
  },
)

ogcRoutes.get(
  '/collections/:collectionId',
  route({
    operationId: 'ogcCollection',
    summary: 'The places collection with its spatial extent',
    tags: ['OGC API Features'],
    params: collectionParams,
    responses: { 200: json('Collection', OgcCollection), 404: problem('No such collection') },
  }),
  async (c) => {
    requireCollection(c.req.param('collectionId'))
    return respond(c, collection(ogcBase(c), await placesExtent(c.get('db'))), JSON_TYPE)
  },
)

ogcRoutes.get(
  '/collections/:collectionId/items',
  route({
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
  }),
  async (c) => {
    requireCollection(c.req.param('collectionId'))
    const query = parseQuery(c, OgcItemsQuery, OGC_ITEMS_PARAMS)
    const { rows, matched } = await findOgcFeatures(c.get('db'), query)
    const page = (offset: number) => {
      const url = new URL(c.req.url)
      url.searchParams.set('offset', String(offset))
      url.searchParams.set('limit', String(query.limit))
      return url.toString()
    }
    const links = [
      link(c.req.url, 'self', GEOJSON, 'This page'),
      link(`${ogcBase(c)}/collections/${COLLECTION_ID}`, 'collection', JSON_TYPE),
    ]
    if (query.offset + rows.length < matched) links.push(link(page(query.offset + rows.length), 'next', GEOJSON, 'Next page'))
    if (query.offset > 0) links.push(link(page(Math.max(0, query.offset - query.limit)), 'prev', GEOJSON, 'Previous page'))
    const body = {
      type: 'FeatureCollection',
      features: rows.map((r) => feature(r, toLocalTime(c.get('now')).date)),
      numberMatched: matched,
      numberReturned: rows.length,
      timeStamp: c.get('now').toISOString(),
      links,
    }
    return respond(c, body, GEOJSON)
  },
)

ogcRoutes.get(
  '/collections/:collectionId/items/:featureId',
  route({
    operationId: 'ogcFeature',
    summary: 'One place as a GeoJSON Feature',
    tags: ['OGC API Features'],
    params: collectionParams.extend({ featureId: PlaceId }),
    responses: { 200: json('Feature', OgcFeature, GEOJSON), 404: problem('No such feature') },
  }),
  async (c) => {
    requireCollection(c.req.param('collectionId'))
    const id = PlaceId.safeParse(c.req.param('featureId'))
    const row = id.success ? await getOgcFeature(c.get('db'), id.data) : undefined
    if (!row) throw new ApiError(404, `No feature '${c.req.param('featureId').slice(0, 80)}' in '${COLLECTION_ID}'`)
    const base = `${ogcBase(c)}/collections/${COLLECTION_ID}`
    const links = [
      link(`${base}/items/${row.id}`, 'self', GEOJSON, 'This feature'),
      link(base, 'collection', JSON_TYPE, 'The collection'),
    ]
    return respond(c, { ...feature(row, toLocalTime(c.get('now')).date), links }, GEOJSON)
  },
)
