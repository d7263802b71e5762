import { expect } from 'vitest'
/**
 * Headless Chromium for the e2e tests, with a phone context that may reach only 127.0.0.1/localhost: every other
 * request (map tiles, anything else) fails and is recorded, and requests that completed are recorded too, so a
 * test can assert that nothing left the machine.
 */
import { existsSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core'

/**
 * Chromium's headless shell (Debian's chromium-headless-shell; what Playwright itself runs headless): the same
 * Blink, V8 and network stack as the browser, without the desktop browser's layers, so a context and a page load
 * cost about 40 % of the full browser's CPU (docs/benchmarks.md, "Test suite: the headless shell, and refilling
 * only what changed"). The full browser where the shell is not installed, or CHROMIUM_PATH.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell'
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium')
export const PHONE = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
/** A point on Renmin Road in Jiangbei (WGS-84). */
export const JIANGBEI_HERE = { latitude: 29.8888, longitude: 121.5532 }

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })

const isLocal = (url: string) => {
  const { hostname, protocol } = new URL(url)
  return protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1' || hostname === 'localhost'
}

export interface GuardedContext {
  context: BrowserContext
  /** Requests that were stopped because they were not to localhost. */
  blocked: string[]
  /** Requests that completed: must all be local. */
  completed: string[]
  /** Content-Security-Policy violations reported by any page. */
  cspViolations: string[]
}

let deadEnd: Promise<string> | undefined
/**
 * The proxy every non-local request is sent to: a socket on 127.0.0.1 that hangs up at once, so the request fails
 * in Chromium's network stack like a blocked one. Routing every request through Playwright (`context.route`) did
 * the same but paused each local request for a round trip to this process: ~0.2 s of CPU per page load.
 */
function deadEndProxy(): Promise<string> {
  deadEnd ??= new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy())
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.unref()
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    })
  })
  return deadEnd
}

export async function phoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<GuardedContext> {
  const context = await browser.newContext({
    ...PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
    // Only loopback goes direct (Chromium's own rule for these names); everything else, service workers'
    // requests included, goes to the dead end.
    proxy: { server: await deadEndProxy(), bypass: '127.0.0.1,localhost' },
  })
  const blocked: string[] = []
  const completed: string[] = []
  context.on('requestfailed', (request) => {
    if (!isLocal(request.url())) blocked.push(request.url())
  })
  context.on('requestfinished', (request) => completed.push(request.url()))
  // Chromium's offline emulation lets through a request that a service worker hands on to the network, unless
  // Playwright intercepts it; a phone with no network fails it. So an offline context routes its requests.
  const setOffline = context.setOffline.bind(context)
  let routing = false
  context.setOffline = async (offline: boolean) => {
    if (offline && !routing) {
      routing = true
      await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')))
    }
    await setOffline(offline)
  }
  const cspViolations: string[] = []
  context.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) cspViolations.push(message.text())
  })
  return { context, blocked, completed, cspViolations }
}

export const escaped = (guard: GuardedContext) => guard.completed.filter((url) => !isLocal(url))

/** Browser state settles asynchronously; poll for up to 15 s (vitest's default of 1 s is too short on a busy CI box). */
export const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 })

/**
 * How many elements `locator` matches once that stops changing (read every 500 ms, for up to 10 s): the list draws
 * its first entries at once and the rest when the phone is idle, so an early count can be short.
 */
export async function settledCount(locator: Locator): Promise<number> {
  let count = await locator.count()
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((r) => setTimeout(r, 500))
    const now = await locator.count()
    if (now === count) break
    count = now
  }
  return count
}

/**
 * Screenshots for a person to look at, not for the test to assert on: only with E2E_SHOTS=folder (e.g.
 * `E2E_SHOTS=/tmp/shots npx vitest run tests/e2e`), so a plain run pays no PNG encoding.
 */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = { fullPage: true }) {
  const folder = process.env.E2E_SHOTS
  if (folder) await page.screenshot({ path: `${folder}/${name}.png`, ...options })
}
