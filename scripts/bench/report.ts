import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { RunResult } from './stats.js'

const FILE = new URL('../../docs/benchmarks.md', import.meta.url)
const HEADER = "# Benchmarks\n\nMeasured on this project's own machine; each section is rewritten by the script named in it.\n"

/** Replaces (or appends) one `## title` section of docs/benchmarks.md, leaving the others alone. */
export function replaceSection(title: string, body: string) {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER
  const section = `## ${title}\n\n${body.trim()}\n`
  const pattern = new RegExp(`## ${title}\\n[\\s\\S]*?(?=\\n## |$)`)
  const next = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}`
  writeFileSync(FILE, next.endsWith('\n') ? next : `${next}\n`)
}

export function writeBenchmarkSection(
  title: string,
  run: {
    date: string
    machine: string
    seconds: number
    concurrency: number
    filters: string
    results: Array<{ size: number; runs: RunResult[] }>
  },
) {
  const rows = run.results.flatMap(({ size, runs }) => {
    const raw = runs[0]!
    const bytes = (r: RunResult) =>
      r.bytes ? `${r.bytes.toLocaleString('en')}${r.wireBytes ? ` (${r.wireBytes.toLocaleString('en')} gzip)` : ''}` : '—'
    return runs.map(
      (r) =>
        `| ${size.toLocaleString('en')} | ${r.target} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.serverCpuMs === undefined ? '—' : r.serverCpuMs.toFixed(3)} | ${bytes(r)} | ${r === raw ? '—' : `${((r.requestsPerSecond / raw.requestsPerSecond) * 100).toFixed(0)} %`} |`,
    )
  })
  replaceSection(
    title,
    `Written by \`npm run bench\` on ${run.date}. Machine: ${run.machine}. Load generator (wrk, pgbench), server and
PostgreSQL share this machine.

Query: the nearest 10 places with \`${run.filters}\` from a random grid point in the district (a new point each
request), ${run.concurrency} concurrent clients for ${run.seconds} s per target, one after the other. The pgbench rows run
the statements the API issues for one search (captured from the app), one transaction per search: first with the
parameters bound as the API's driver binds them (PostgreSQL plans each execution as it does the API's: this is the
baseline "vs pgbench" is taken against), then with them inlined as literals (one generic plan, no planning: less work
than the API can ask for). HTTP rows are driven by wrk asking for gzip. Bytes: one response body as JSON (and as sent
gzipped). Server CPU: the CPU time (user + system, from /proc) the serving Node process used per request during the
run (one process only). The reference row is not the product: the same statement served by node:http and pg alone.

| places | target | req/s | p50 ms | p99 ms | server CPU ms/req | bytes | vs pgbench |
|---:|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`,
  )
}
