import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { CompiledQuery } from 'kysely'
import { createRequire } from 'node:module'
import { percentile } from './stats.js'

const run = promisify(execFile)
// How the pg driver turns a parameter into text (arrays, dates, …), so the literals are what it would send.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => string | null }

/** A parameter as the pg driver sends it, as an untyped literal (PostgreSQL infers its type as it does a `$n`'s). */
function literal(value: unknown): string {
  const text = prepareValue(value)
  return text === null ? 'NULL' : `'${String(text).replace(/'/g, "''")}'`
}

/**
 * A statement compiled by Kysely, as pgbench script text. Parameters named in `variables` (by their value) become
 * those pgbench `:variables` (set per transaction by the script). The others are, with `bind`, pgbench variables
 * too, defined once with `-D` and so bound as parameters exactly as the driver binds them (PostgreSQL then plans
 * the statement as it plans the API's); without `bind`, inlined as the literal the driver would send, which lets
 * PostgreSQL keep one generic plan and skip planning: cheaper than what the API asks of it.
 */
export function pgbenchStatement(
  query: CompiledQuery,
  variables: Record<string, unknown>,
  bind?: { prefix: string; defines: Record<string, string> },
): string {
  const names = new Map(Object.entries(variables).map(([name, value]) => [value, name]))
  const text = query.sql.replace(/\$(\d+)\b/g, (_, n: string) => {
    const value = query.parameters[Number(n) - 1]
    const name = names.get(value)
    if (name) return `:${name}`
    if (!bind) return literal(value)
    const variable = `${bind.prefix}${n}`
    const text = prepareValue(value)
    // pgbench has no NULL variable; the API's searches bind none.
    if (text === null) return 'NULL'
    bind.defines[variable] = String(text)
    return `:${variable}`
  })
  return `${text.replace(/\s+/g, ' ').trim()};`
}

export interface PgbenchResult {
  transactionsPerSecond: number
  p50Ms: number
  p99Ms: number
}

/**
 * Runs pgbench with a custom script (`-n -M prepared -c clients -j 2 -T seconds`, `defines` as `-D name=value`), logging every transaction to
 * take the latency percentiles from; tps is pgbench's own (without connection time).
 */
export async function runPgbench(
  databaseUrl: string,
  script: string,
  clients: number,
  seconds: number,
  defines: Record<string, string> = {},
): Promise<PgbenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'waystation-pgbench-'))
  try {
    const file = join(work, 'nearest.sql')
    writeFileSync(file, script)
    const args = ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file]
    for (const [name, value] of Object.entries(defines)) args.push('-D', `${name}=${value}`)
    args.push('-l', '--log-prefix', join(work, 'tx'), databaseUrl)
    const { stdout } = await run('pgbench', args, { maxBuffer: 1 << 24 })
    const failed = /number of failed transactions: (\d+)/.exec(stdout)
    if (failed && Number(failed[1]) > 0) throw new Error(`pgbench: ${failed[1]} failed transactions\n${stdout}`)
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`)
    // Log lines: client_id transaction_no time_us script_no time_epoch time_us_part
    const latencies = readdirSync(work)
      .filter((f) => f.startsWith('tx'))
      .flatMap((f) => readFileSync(join(work, f), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b)
    return { transactionsPerSecond: Number(tps[1]), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
