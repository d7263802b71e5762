import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeStaticAssetHeaders } from './edge-static-headers.js'

export const WRANGLER = new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url).pathname
const GUARD = new URL('./wrangler-dev-guard.mjs', import.meta.url).href
/** Everything that would make wrangler phone home (metrics, error reports, update check, `Request.cf`), off. */
export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

/** Hyperdrive's local binding insists on a password; a trust-auth server ignores the placeholder. */
export function hyperdriveLocalUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl)
  if (!url.password) url.password = 'local'
  return url.toString()
}

/** A proxy that refuses everything and remembers who asked: set as HTTP(S)_PROXY, it catches any outbound call. */
async function outboundTrap(): Promise<{ server: Server; url: string; attempts: string[] }> {
  const attempts: string[] = []
  const server = createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`)
    res.writeHead(403).end()
  })
  server.on('connect', (req, socket) => {
    attempts.push(`CONNECT ${req.url}`)
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, attempts }
}

export interface WranglerDev {
  origin: string
  /** Outbound requests wrangler tried to make (through the trap proxy). */
  outbound: string[]
  output: () => string
  stop: () => Promise<void>
}

async function waitUntilHealthy(origin: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output()}`)
    const ok = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`wrangler dev not healthy after ${timeoutMs} ms:\n${output()}`)
}

export interface WranglerDevOptions {
  timeoutMs?: number
  extraEnv?: Record<string, string>
  /** Overrides of wrangler.toml `[vars]`, e.g. `{ LOG_REQUESTS: 'false' }`. */
  vars?: Record<string, string>
  logLevel?: 'log' | 'info' | 'warn' | 'error'
}

/**
 * Starts `wrangler dev` (workerd, local mode) on free ports with the Hyperdrive binding pointed at
 * `databaseUrl`, serving a tiny stand-in for the web build (with the real `_headers`), and waits until /healthz answers.
 */
export async function startWranglerDev(databaseUrl: string, options: WranglerDevOptions = {}): Promise<WranglerDev> {
  const { timeoutMs = 120_000, extraEnv = {}, vars = {}, logLevel = 'log' } = options
  const work = mkdtempSync(join(tmpdir(), 'waystation-edge-'))
  const assets = join(work, 'assets')
  mkdirSync(assets)
  writeFileSync(
    join(assets, 'index.html'),
    '<!doctype html><html><head><title>Waystation shell</title></head><body><div id="app"></div></body></html>',
  )
  mkdirSync(join(assets, 'assets'))
  writeFileSync(join(assets, 'assets', 'app-0123abcd.js'), 'export {}')
  writeStaticAssetHeaders(assets)
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const trap = await outboundTrap()
  const args = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort)]
  args.push(
    '--assets',
    assets,
    '--persist-to',
    join(work, 'state'),
    '--show-interactive-dev-session=false',
    '--log-level',
    logLevel,
  )
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`)
  const child = spawn(process.execPath, ['--import', GUARD, WRANGLER, ...args], {
    cwd: new URL('..', import.meta.url).pathname,
    detached: true, // its own process group, so stop() ends wrangler and its workerd child together
    env: {
      ...process.env,
      ...OFFLINE_WRANGLER_ENV,
      WRANGLER_LOG_PATH: join(work, 'logs'),
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hyperdriveLocalUrl(databaseUrl),
      HTTP_PROXY: trap.url,
      HTTPS_PROXY: trap.url,
      http_proxy: trap.url,
      https_proxy: trap.url,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const output = () => log
  const origin = `http://127.0.0.1:${port}`
  // The whole process group (wrangler and its workerd), and only it.
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // already gone
    }
  }
  // Should the test runner die first, do not leave a dev server behind on a shared machine.
  const onExit = () => killGroup('SIGKILL')
  process.once('exit', onExit)
  const stop = async () => {
    process.off('exit', onExit)
    killGroup('SIGTERM') // the group signal also reaches a workerd that outlived a crashed wrangler
    const killer = setTimeout(() => killGroup('SIGKILL'), 5000)
    if (child.exitCode === null && child.signalCode === null) await exited
    clearTimeout(killer)
    trap.server.close()
    rmSync(work, { recursive: true, force: true })
  }
  try {
    await waitUntilHealthy(origin, child, output, timeoutMs)
  } catch (error) {
    await stop()
    throw error
  }
  return { origin, outbound: trap.attempts, output, stop }
}
