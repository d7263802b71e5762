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

export async function writeBenchmarkSection(
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
    return runs.map(
      (r) =>
        `| ${size.toLocaleString('en')} | ${r.target} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.bytes.toLocaleString('en')} | ${r === raw ? '—' : `${((r.requestsPerSecond / raw.requestsPerSecond) * 100).toFixed(0)} %`} |`,
    )
  })
  replaceSection(
    title,
    `Written by \`npm run bench\` on ${run.date}. Machine: ${run.machine}. Load generator, server and PostgreSQL share this machine.

Query: the nearest 10 places with \`${run.filters}\` from a random point in the district (a new point each request),
${run.concurrency} concurrent clients for ${run.seconds} s per target. Bytes: one response body (raw SQL: the rows as JSON).

| places | target | req/s | p50 ms | p99 ms | bytes | vs raw SQL |
|---:|---|---:|---:|---:|---:|---:|
${rows.join('\n')}
`,
  )
}
