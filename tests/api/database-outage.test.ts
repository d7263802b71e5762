import { describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.js'
import { createPostgresDb } from '../../api/db/connect-postgres.js'
import { createPlace } from '../helpers/fixtures.js'
import { startTcpProxy } from '../helpers/tcp-proxy.js'
import { testDatabaseUrl } from '../helpers/test-db.js'

// An outage needs a database server to lose: this runs against real PostgreSQL (DATABASE_URL), as CI does.
const url = process.env.DATABASE_URL // this file's own database (tests/helpers/test-db.ts)

describe.skipIf(!url)('when the database goes away', () => {
  it('answers 503 problem details within 2 s, and recovers by itself when it returns', async () => {
    await testDatabaseUrl() // created on first use
    const place = await createPlace()
    const target = new URL(url!)
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const proxied = new URL(url!)
    proxied.host = `127.0.0.1:${proxy.port}`
    const handle = createPostgresDb(proxied.toString(), { connectionTimeoutMillis: 1500 })
    const app = createApp({ db: handle.db })
    try {
      expect((await app.request('/api/v1/places?limit=1')).status).toBe(200)
      await proxy.cut()
      for (const path of ['/api/v1/places?limit=1', '/healthz', `/api/v1/places/${place.id}`]) {
        const started = performance.now()
        const res = await app.request(path)
        expect(performance.now() - started).toBeLessThan(2000)
        expect(res.status).toBe(503)
        expect(res.headers.get('content-type')).toBe('application/problem+json')
        expect(res.headers.get('retry-after')).toBeTruthy()
      }
      await proxy.restore()
      let status = 0
      for (let i = 0; i < 20 && status !== 200; i++) {
        status = (await app.request('/api/v1/places?limit=1')).status
        if (status !== 200) await new Promise((r) => setTimeout(r, 100))
      }
      expect(status).toBe(200)
    } finally {
      await handle.close()
      await proxy.close()
    }
  })
})
