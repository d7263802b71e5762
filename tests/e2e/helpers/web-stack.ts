/**
 * The browser tests' stack in one call: the real server (api/server/node-server.ts: gzip, security headers, static
 * files, the SPA fallback) around createApp over this file's database on a free port of 127.0.0.1, and headless
 * Chromium. `webStackForFile()` at the top of a test file starts both before its tests and stops the server after them.
 *
 * Chromium is launched once per test worker and shared by the files that worker runs (a launch costs a second or
 * two of CPU); each test opens its own context (phoneContext), and whatever contexts a file leaves open are closed
 * when it ends, so no cookie, cache or service worker passes from one file to the next. Playwright closes the
 * browser when the worker process exits.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from '../../../api/app.js'
import { DEFAULT_TILE_HOSTS } from '../../../api/context.js'
import { startNodeServer } from '../../../api/server/node-server.js'
import { shanghai, testDatabase } from '../../helpers/test-db.js'
import { launchBrowser } from './browser.js'
import { ensureWebBuild, WEB_DIST } from './web-build.js'

export interface WebStack {
  /** The server's base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string
  /** The worker's Chromium. */
  readonly browser: Browser
}

let sharedBrowser: Promise<Browser> | undefined

/** The worker's Chromium, launched on first use (again if it has gone away). */
async function workerBrowser(): Promise<Browser> {
  const current = await sharedBrowser?.catch(() => undefined)
  if (current?.isConnected()) return current
  sharedBrowser = launchBrowser()
  return sharedBrowser
}

/**
 * Starts the production server over this file's database with the given clock (by default a fixed Wednesday
 * morning in Shanghai, so "open now" does not depend on when the suite runs) and readies Chromium.
 */
export function webStackForFile(clock: () => Date = () => shanghai('2026-11-25T10:00')): WebStack {
  let url: string | undefined
  let browser: Browser | undefined
  let close: (() => Promise<void>) | undefined
  beforeAll(async () => {
    ensureWebBuild()
    // Chromium starts (a process of its own) while this thread loads the database: a worker's first file waits for
    // the slower of the two, not for both in turn.
    const launching = workerBrowser()
    launching.catch(() => {}) // awaited below; not an unhandled rejection while the database loads
    const { db } = await testDatabase()
    const [server, chromium] = await Promise.all([
      startNodeServer({
        app: createApp({ db, clock }),
        tileHosts: DEFAULT_TILE_HOSTS,
        webDist: WEB_DIST,
        port: 0,
        hostname: '127.0.0.1',
      }),
      launching,
    ])
    url = server.url
    close = server.close
    browser = chromium
  })
  afterAll(async () => {
    if (browser) await Promise.all(browser.contexts().map((context) => context.close().catch(() => {})))
    await close?.()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('webStackForFile(): the stack starts in beforeAll; use it inside tests or hooks')
    return value
  }
  return {
    get url() {
      return started(url)
    },
    get browser() {
      return started(browser)
    },
  }
}
