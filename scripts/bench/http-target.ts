import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

export interface HttpTarget {
  name: string
  note?: string
  /**
   * Starts the server against `databaseUrl`; resolves with its base URL once it answers /healthz, and the pid
   * of the one process that serves (for its CPU time), if there is one.
   */
  start(databaseUrl: string): Promise<{ baseUrl: string; pid?: number; stop(): Promise<void> }>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

export async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${baseUrl} did not become healthy`)
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 5000).unref()
  })
}

/**
 * `api/node.ts` as people run it (the one stack of api/server/node-server.ts: gzip, headers, static files, the app) as
 * a child process on 127.0.0.1, request logging off, with `env` on top of this process's environment (a key set to
 * undefined is removed); resolves once it answers /healthz.
 */
export async function startNodeProcess(env: Record<string, string | undefined>, port?: number, entry = 'api/node.ts') {
  const listen = port ?? (await freePort())
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, PORT: String(listen), HOST: '127.0.0.1', LOG_REQUESTS: 'false', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const baseUrl = `http://127.0.0.1:${listen}`
  try {
    await waitForHealth(baseUrl, child)
  } catch (error) {
    await stopChild(child)
    throw error
  }
  return { baseUrl, pid: child.pid!, stop: () => stopChild(child) }
}

/** The Node server on `databaseUrl` with `workers` processes (WORKERS). Requests ask for gzip, as browsers do. */
export const nodeServerWith = (workers: number): HttpTarget => ({
  name: workers === 1 ? 'Node server (HTTP, Hono + pg)' : `Node server, ${workers} workers (WORKERS=${workers})`,
  async start(databaseUrl) {
    const server = await startNodeProcess({ DATABASE_URL: databaseUrl, WORKERS: String(workers) })
    // Each worker answers /healthz as soon as it listens; give the later ones a moment to join.
    if (workers > 1) await new Promise((r) => setTimeout(r, 2000))
    return { baseUrl: server.baseUrl, ...(workers === 1 ? { pid: server.pid } : {}), stop: server.stop }
  },
})
export const nodeServer = nodeServerWith(1)

/**
 * A reference, not the product: scripts/bench/floor-server.ts answers the same search with node:http and pg
 * alone (the API's own statement, its rows as JSON, gzip), to show what the framework, validation and the
 * features cost on top of the driver and HTTP.
 */
export const floorServer: HttpTarget = {
  name: 'Reference: node:http + pg alone (the same statement, rows as JSON, gzip; no Hono, Kysely, zod or features)',
  async start(databaseUrl) {
    const server = await startNodeProcess({ DATABASE_URL: databaseUrl }, undefined, 'scripts/bench/floor-server.ts')
    return { baseUrl: server.baseUrl, pid: server.pid, stop: server.stop }
  },
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return undefined
  }
}
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100
