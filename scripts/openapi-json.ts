/**
 * Prints the OpenAPI document (`npm run openapi > openapi.json`), for client generators and `npm run lint:openapi`;
 * no database or server needed.
 */
import { createApp } from '../api/app.js'
import type { Db } from '../api/db/schema.js'

// The document is built from the routes alone: a request for it never reaches the database.
const app = createApp({ db: {} as Db })
const res = await app.request('/api/openapi.json')
if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}`)
process.stdout.write(`${JSON.stringify(await res.json(), null, 2)}\n`)
