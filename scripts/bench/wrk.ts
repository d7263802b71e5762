import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface WrkResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Answers other than 2xx/3xx, and socket errors (connect, read, write, timeout). */
  non2xx: number
  errors: number
  /** Share of the answers per status, e.g. { 200: 0.8, 503: 0.2 }. */
  statuses: Record<string, number>
}

/**
 * wrk's Lua: each request a path from `pathLua` (a Lua expression), the latency percentiles and counts printed as
 * one JSON line when done. wrk is C: the load generator takes far less CPU than the server it measures.
 */
const script = (pathLua: string, headers: Record<string, string>) => `
local statuses = {}
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() math.randomseed(os.time() + math.floor(os.clock() * 1e6)); counts = {} end
request = function()
  ${Object.entries(headers)
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join('\n  ')}
  return wrk.format("GET", ${pathLua})
end
response = function(status) counts[status] = (counts[status] or 0) + 1 end
done = function(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do all[k] = (all[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(all) do table.insert(parts, string.format('"%d": %d', k, v)) end
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "errors": %d, "non2xx": %d, "statuses": {%s}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status, table.concat(parts, ", ")))
end
`

/** `wrk -t2 -c connections -d seconds` against `baseUrl`, each request's path from the Lua expression `pathLua`. */
export async function runWrk(
  baseUrl: string,
  pathLua: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<WrkResult> {
  const work = mkdtempSync(join(tmpdir(), 'waystation-wrk-'))
  try {
    const file = join(work, 'paths.lua')
    writeFileSync(file, script(pathLua, headers))
    const args = ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--timeout', '30s', '-s', file, baseUrl]
    const { stdout } = await run('wrk', args, { maxBuffer: 1 << 24 })
    const line = /WRK_JSON (.*)/.exec(stdout)
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`)
    const r = JSON.parse(line[1]!) as {
      requests: number
      duration_us: number
      p50_us: number
      p99_us: number
      errors: number
      non2xx: number
      statuses: Record<string, number>
    }
    const total = Object.values(r.statuses).reduce((a, b) => a + b, 0) || 1
    return {
      requestsPerSecond: r.requests / (r.duration_us / 1e6),
      p50Ms: r.p50_us / 1000,
      p99Ms: r.p99_us / 1000,
      non2xx: r.non2xx,
      errors: r.errors,
      statuses: Object.fromEntries(Object.entries(r.statuses).map(([k, v]) => [k, v / total])),
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** A Lua expression for a random search on the API's 0.002° grid inside the district box (as the web client sends). */
export const randomGridPathLua = (query: string) =>
  `string.format("/api/v1/places?lat=%.3f&lng=%.3f&${query}", 29.86 + math.random(0, 70) * 0.002, 121.42 + math.random(0, 110) * 0.002)`
