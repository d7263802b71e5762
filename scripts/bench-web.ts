/**
 * `npm run bench:web`: what the public page costs a phone. Builds the web app, starts the Node server (embedded
 * database in data/bench-web, or BENCH_URL to measure a running server), then
 *  1. loads the page in headless Chromium (360×640, nothing but localhost reachable) and sums the gzip size of the
 *     JS and CSS it loads, checking the staff chunk is not among them (budget: 90 KB gzip);
 *  2. runs Lighthouse 12 (mobile, simulated slow 4G, tile servers blocked): performance, accessibility, LCP.
 * Results replace the "## Web" section of docs/benchmarks.md.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { gzipSync } from 'node:zlib'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { chromium } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
const BUDGET_BYTES = 90 * 1024
const PORT = 8800 + Math.floor(Math.random() * 100)

async function startServer(): Promise<{ url: string; child?: ChildProcess }> {
  if (process.env.BENCH_URL) return { url: process.env.BENCH_URL }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: 'data/bench-web',
    LOG_REQUESTS: 'false',
  }
  delete env.DATABASE_URL // the embedded database: the benchmark measures the page, not PostgreSQL
  const child = spawn('node_modules/.bin/tsx', ['api/node.ts'], { env, stdio: ['ignore', 'inherit', 'inherit'] })
  let exited = false
  child.on('exit', () => (exited = true))
  const url = `http://127.0.0.1:${PORT}`
  for (let i = 0; i < 600 && !exited; i++) {
    if (
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) })
        .then((r) => r.ok)
        .catch(() => false)
    )
      return { url, child }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  child.kill()
  throw new Error(exited ? 'the server exited before it was ready' : 'the server did not start within 5 minutes')
}

async function firstLoadAssets(url: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true })
  await context.route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
  )
  const page = await context.newPage()
  const assets: string[] = []
  page.on('response', (response) => {
    const type = response.request().resourceType()
    if (type === 'script' || type === 'stylesheet') assets.push(new URL(response.url()).pathname)
  })
  await page.goto(url, { waitUntil: 'networkidle' })
  await page.locator('ol.place-list').waitFor()
  await browser.close()
  const rows = assets.map((path) => {
    const body = readFileSync(`dist/web${path}`)
    return { path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length }
  })
  const staffChunks = readdirSync('dist/web/assets').filter((f) => f.startsWith('staff'))
  return { rows, staffChunks, staffLoaded: assets.some((a) => staffChunks.some((s) => a.endsWith(s))) }
}

async function runLighthouse(url: string) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS })
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
      {
        extends: 'lighthouse:default',
        settings: {
          formFactor: 'mobile',
          throttlingMethod: 'simulate',
          blockedUrlPatterns: ['*openstreetmap.org*', '*tianditu.gov.cn*', '*autonavi.com*'],
        },
      },
    )
    const lhr = result!.lhr
    return {
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
      lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
      fcpMs: Math.round(lhr.audits['first-contentful-paint']?.numericValue ?? 0),
      tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
      cls: Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
      version: lhr.lighthouseVersion,
    }
  } finally {
    chrome.kill()
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function writeSection(markdown: string) {
  const file = 'docs/benchmarks.md'
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const start = current.indexOf('\n## Web\n')
  let next = start < 0 ? -1 : current.indexOf('\n## ', start + 1)
  if (next < 0) next = current.length
  const updated =
    start < 0 ? `${current.trimEnd()}\n\n${markdown}` : `${current.slice(0, start + 1)}${markdown}${current.slice(next)}`
  writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`)
}

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
const server = await startServer()
try {
  const assets = await firstLoadAssets(server.url)
  const total = assets.rows.reduce((sum, r) => sum + r.gzip, 0)
  const lh = await runLighthouse(server.url)
  const lines = [
    '## Web',
    '',
    `Written by \`npm run bench:web\` on ${new Date().toISOString().slice(0, 10)} against the Node server (\`api/node.ts\`, embedded database), headless Chromium, tile servers blocked.`,
    '',
    '| JS and CSS the public page loads first | raw | gzip |',
    '|---|---:|---:|',
    ...assets.rows.map((r) => `| \`${r.path.replace(/-[\w-]{8}\./, '-[hash].')}\` | ${kb(r.raw)} | ${kb(r.gzip)} |`),
    `| **total** (budget ${kb(BUDGET_BYTES)}) | ${kb(assets.rows.reduce((s, r) => s + r.raw, 0))} | **${kb(total)}** ${total <= BUDGET_BYTES ? '✓' : '✗ over budget'} |`,
    '',
    `Staff chunk (${assets.staffChunks.join(', ') || 'none built'}) loaded by the public page: ${assets.staffLoaded ? '**yes ✗**' : 'no ✓'}.`,
    '',
    `Lighthouse ${lh.version}, mobile, simulated slow 4G (goal: performance ≥ 90, accessibility ≥ 95):`,
    '',
    '| performance | accessibility | LCP | FCP | TBT | CLS |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${lh.performance} | ${lh.accessibility} | ${(lh.lcpMs / 1000).toFixed(2)} s | ${(lh.fcpMs / 1000).toFixed(2)} s | ${lh.tbtMs} ms | ${lh.cls} |`,
    '',
    `Load average when Lighthouse finished: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores. Lighthouse simulates a 4× slower CPU from the *observed* main-thread times, so on a shared, busy machine TBT and LCP are inflated; transfer sizes, FCP, CLS and accessibility are not.`,
    '',
  ]
  writeSection(lines.join('\n'))
  console.log(lines.join('\n'))
  if (total > BUDGET_BYTES || assets.staffLoaded) process.exitCode = 1
} finally {
  server.child?.kill('SIGTERM')
}
