/**
 * `WORKERS=2` with PostgreSQL: `api/node.ts` (what `npm start` runs) serves from two processes on one port, replaces
 * a worker that dies, and stops whole on SIGTERM. PostgreSQL only: the embedded database lives in one process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { get } from 'node:http'
import { describe, expect, it } from 'vitest'
import { freePort, stopChild, waitForHealth } from '../../scripts/bench/http-target.js'
import { isRealPostgres, testDatabase } from '../helpers/test-db.js'

function output(child: ChildProcess) {
  let text = ''
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()))
  return () => text
}

/** A GET on a connection of its own (a pooled keep-alive socket to a killed worker would be reset); 0 if none in 3 s. */
const status = (url: string) =>
  new Promise<number>((resolve) => {
    const req = get(url, { agent: false, timeout: 3000 }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(0))
  })

/**
 * The cluster's workers: processes whose parent is `pid` (Linux /proc: field 4 of stat, after the parenthesised
 * name) running api/node.ts, as a fork does (tsx may also start an esbuild service as a child).
 */
const workersOf = (pid: number) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const parent = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1])
        return parent === pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('api/node.ts')
      } catch {
        return false // gone meanwhile
      }
    })

const until = async (what: () => boolean, ms = 30_000) => {
  const deadline = Date.now() + ms
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.runIf(isRealPostgres())('the Node server with WORKERS=2', () => {
  it('answers from two processes, replaces one that dies, and stops on SIGTERM', async () => {
    await testDatabase() // this file's own database: process.env.DATABASE_URL names it from here on
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/node.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WORKERS: '2', LOG_REQUESTS: 'false', WEB_DIST: 'none' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const log = output(child)
    try {
      const base = `http://127.0.0.1:${port}`
      await waitForHealth(base, child)
      const workers = () => [...log().matchAll(/Waystation on http:\/\/127\.0\.0\.1:\d+/g)].length
      await until(() => workers() === 2)
      expect(log()).toContain('Waystation: 2 workers')
      // Migrations ran once, in the first process, before the workers started.
      expect(log().match(/Migrations: nothing to apply|Applied migrations/g)?.length).toBe(3)

      const search = () => Promise.all(Array.from({ length: 20 }, () => status(`${base}/api/v1/places?limit=1`)))
      expect(await search()).toEqual(Array(20).fill(200))

      // A worker that dies is replaced; the port keeps answering meanwhile.
      const pids = workersOf(child.pid!)
      expect(pids).toHaveLength(2)
      process.kill(Number(pids[0]), 'SIGKILL')
      // The other worker keeps answering meanwhile (a connection handed to the dying one may fail: a client retries).
      let answered = 0
      for (let i = 0; i < 5 && answered !== 200; i++) answered = await status(`${base}/healthz`)
      expect(answered).toBe(200)
      await until(() => workers() === 3)
      expect(await search()).toEqual(Array(20).fill(200))
      expect(log()).toMatch(/worker \d+ ended \(SIGKILL\); starting another/)

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      await stopChild(child)
    }
  })
})
