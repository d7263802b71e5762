/**
 * `npm run bench`'s reference row, not the product: the API's own search statement (captured from the app) served
 * by node:http and pg alone, its rows as JSON, gzipped as the Node server does. What the API costs beyond this is
 * what Hono, Kysely, validation, the features and the cache headers add. Answers only /healthz and
 * /api/v1/places?lat=…&lng=… (the benchmark's requests); PORT and DATABASE_URL as for api/node.ts.
 */
import { createServer } from 'node:http'
import { gzipSync } from 'node:zlib'
import pg from 'pg'
import { GZIP_LEVEL } from '../../api/server/compress-answer.js'
import { captureStatements } from './capture.js'

const databaseUrl = process.env.DATABASE_URL!
const SAMPLE = { lat: 29.918, lng: 121.532 }
const [search] = await captureStatements(
  databaseUrl,
  `/api/v1/places?lat=${SAMPLE.lat}&lng=${SAMPLE.lng}&amenity=drinking_water,meal_heating&open_now=true&limit=10`,
)
if (!search) throw new Error('no statement captured')
const latAt = search.parameters.indexOf(SAMPLE.lat)
const lngAt = search.parameters.indexOf(SAMPLE.lng)
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname === '/healthz') return void res.end('ok')
  const values = [...search.parameters]
  values[latAt] = Number(url.searchParams.get('lat'))
  values[lngAt] = Number(url.searchParams.get('lng'))
  pool.query({ name: 'search', text: search.sql, values }).then(
    (result) => {
      const body = gzipSync(JSON.stringify({ type: 'FeatureCollection', features: result.rows }), { level: GZIP_LEVEL })
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length })
      res.end(body)
    },
    () => {
      res.writeHead(503).end()
    },
  )
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1')
