/**
 * The real server for browser tests, in-process: the production Node stack (api/server/node-server.ts: gzip,
 * security headers, static files, the SPA fallback) around createApp over the run's test database, with a fixed
 * clock (so "open now" does not depend on when the suite runs), on a random free port on 127.0.0.1.
 */
import { createApp } from '../../../api/app.js'
import { DEFAULT_TILE_HOSTS } from '../../../api/context.js'
import { startNodeServer } from '../../../api/server/node-server.js'
import { testDatabase } from '../../helpers/test-db.js'
import { WEB_DIST } from './web-build.js'

export interface RunningServer {
  url: string
  close: () => Promise<void>
}

export async function startWebServer(clock: () => Date): Promise<RunningServer> {
  const { db } = await testDatabase()
  const app = createApp({ db, clock })
  const { url, close } = await startNodeServer({
    app,
    tileHosts: DEFAULT_TILE_HOSTS,
    webDist: WEB_DIST,
    port: 0,
    hostname: '127.0.0.1',
  })
  return { url, close }
}
