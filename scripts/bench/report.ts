import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { median, type RunResult } from './stats.js'

/**
 * Rounds of the same targets in the same order, as one row per target: the median of each figure over the rounds,
 * and each round's ratio to that round's first target (the baseline), so a drift in the machine's speed between
 * rounds cancels out of the ratio.
 */
export function medianRounds(rounds: RunResult[][]): RunResult[] {
  return rounds[0]!.map((first, i) => {
    const all = rounds.map((runs) => runs[i]!)
    const cpu = all.flatMap((r) => (r.serverCpuMs === undefined ? [] : [r.serverCpuMs]))
    return {
      ...first,
      requestsPerSecond: median(all.map((r) => r.requestsPerSecond)),
      p50Ms: median(all.map((r) => r.p50Ms)),
      p99Ms: median(all.map((r) => r.p99Ms)),
      ...(cpu.length ? { serverCpuMs: median(cpu) } : {}),
      ratios: rounds.map((runs) => runs[i]!.requestsPerSecond / runs[0]!.requestsPerSecond),
    }
  })
}

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

/** The ratio to the baseline: the median of the rounds' own ratios, each round's after it; or of the medians. */
function vsBaseline(r: RunResult, baseline: RunResult): string {
  const percent = (x: number) => (x * 100).toFixed(0)
  if (!r.ratios || r.ratios.length < 2) return `${percent(r.requestsPerSecond / baseline.requestsPerSecond)} %`
  return `${percent(median(r.ratios))} % (${r.ratios.map(percent).join(', ')})`
}

const rounded = (rounds = 1) =>
  rounds < 2
    ? ''
    : `, in ${rounds} rounds of all targets in turn; each figure is the median of the rounds, and "vs pgbench" the median of each round's own ratio to that round's pgbench (every round's after it), so that the machine's drift in speed between rounds cancels out`

export function writeBenchmarkSection(
  title: string,
  run: {
    date: string
    machine: string
    seconds: number
    rounds?: number
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
        `| ${size.toLocaleString('en')} | ${r.target} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.serverCpuMs === undefined ? '—' : r.serverCpuMs.toFixed(3)} | ${bytes(r)} | ${r === raw ? '—' : vsBaseline(r, raw)} |`,
    )
  })
  replaceSection(
    title,
    `Written by \`npm run bench\` on ${run.date}. Machine: ${run.machine}. Load generator (wrk, pgbench), server and
PostgreSQL share this machine.

Query: the nearest 10 places with \`${run.filters}\` from a random grid point in the district (a new point each
request), ${run.concurrency} concurrent clients for ${run.seconds} s per target, one after the other${rounded(run.rounds)}. The pgbench rows run
the statements the API issues for one search (captured from the app), one transaction per search: first with the
parameters bound as the API's driver binds them (PostgreSQL plans each execution as it does the API's: this is the
baseline "vs pgbench" is taken against), then with them inlined as literals (one generic plan, no planning: less work
than the API can ask for). HTTP rows are driven by wrk asking for gzip. Bytes: one response body as JSON (and as sent
gzipped). Each server first runs 3 s of the same load, not counted (JIT, pool, prepared statements). Server CPU: the CPU time (user + system, from /proc) the serving Node process used per request during the
run (one process only). The reference row is not the product: the same statement served by node:http and pg alone.

| places | target | req/s | p50 ms | p99 ms | server CPU ms/req | bytes | vs pgbench |
|---:|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`,
  )
}
