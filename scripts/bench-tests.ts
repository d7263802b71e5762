/**
 * `npm run bench:tests`: how long `npm test` takes before and after a change, side by side on this machine in the
 * same run (so a busy machine slows both alike). "Before" is a temporary git worktree of `--before <ref>` (default:
 * the commit just before per-file test databases), with this checkout's node_modules (or its own, installed with
 * `npm ci`, when its package-lock.json differs); "after" is this checkout. Each suite runs on the embedded database
 * and on PostgreSQL, alternating before/after, --rounds times (default 1). Both are warmed first (web build,
 * embedded template), as a second `npm test` would be. --same-files: "after" runs only the test files "before" had
 * (as they are now: they may hold more tests).
 *
 * Besides wall time, the CPU of each suite's whole process tree (vitest, its workers, Chromium, child processes):
 * the suite runs under a child subreaper (python3, prctl), because vitest stops its workers with SIGTERM and their
 * Chromium is orphaned, so the run's own rusage never counts it. The PostgreSQL server's CPU is outside the tree.
 *
 * PostgreSQL: BENCH_TESTS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/waystation_bench_tests); the
 * runs use `<name>_before_test` and `<name>_after_test` on that server (created here, dropped at the end).
 * Results replace the section of docs/benchmarks.md named by --title (default "Test suite time", or "Test suite
 * time: the same files" with --same-files); --before-label / --after-label say what the two commits are.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { median } from './bench/stats.js'

const args = process.argv.slice(2)
const option = (name: string) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : undefined
}
const rounds = Number(option('rounds') ?? 1)
/** --same-files: "after" runs only the test files "before" had (the same coverage, as far as files go). */
const sameFiles = args.includes('--same-files')
const title = option('title') ?? (sameFiles ? 'Test suite time: the same files' : 'Test suite time')
const git = (...argv: string[]) => execFileSync('git', argv, { encoding: 'utf8' }).trim()
const marker = git('log', '--format=%H', '-1', '--grep=each file gets its own database')
const before = option('before') ?? (marker ? `${marker}~1` : undefined)
if (!before) throw new Error('No commit to compare with: pass --before <ref>')
const beforeCommit = git('rev-parse', '--short', before)
const afterCommit = git('rev-parse', '--short', 'HEAD')
const beforeLabel = option('before-label') ?? (option('before') ? 'before' : 'one database, one file at a time')
const afterLabel = option('after-label') ?? (option('before') ? 'this checkout' : 'a database per file, one worker per core')
const serverUrl = new URL(process.env.BENCH_TESTS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waystation_bench_tests')
const baseName = serverUrl.pathname.slice(1)
const dbUrl = (suffix: string) => {
  const url = new URL(serverUrl)
  url.pathname = `/${baseName}_${suffix}_test`
  return url.toString()
}

async function admin(statements: string[]) {
  const url = new URL(serverUrl)
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    for (const statement of statements) await client.query(statement)
  } finally {
    await client.end()
  }
}
const databases = ['before', 'after'].map((s) => `${baseName}_${s}_test`)
const dropAll = () =>
  admin(
    [...databases, ...databases.map((name) => `${name}_tpl`)].map((name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  ).catch((error) => console.error(`could not drop the bench databases: ${error}`))

const tree = mkdtempSync(join(tmpdir(), 'waystation-bench-tests-'))
let cleaned = false
async function cleanUp() {
  if (cleaned) return
  cleaned = true
  try {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { stdio: 'ignore' })
  } catch {
    rmSync(tree, { recursive: true, force: true })
  }
  await dropAll()
}
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)))

interface Run {
  suite: 'before' | 'after'
  database: 'embedded' | 'PostgreSQL'
  seconds: number
  total: number
  passed: number
  failed: number
  skipped: number
  /** CPU seconds of the whole process tree, when python3 could count them. */
  cpu?: number
}

/**
 * Runs argv as a child subreaper: every descendant that is orphaned (Chromium, once vitest has killed its worker)
 * is reaped here, so RUSAGE_CHILDREN counts it; writes those CPU seconds to $REAP_OUT. Descendants still running
 * 30 s after the command itself ended are killed.
 */
const REAPER = `
import ctypes, os, resource, signal, sys
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
def orphans(*_):
    for entry in os.listdir('/proc'):
        try:
            if entry.isdigit() and open(f'/proc/{entry}/stat').read().rsplit(')', 1)[1].split()[1] == str(os.getpid()):
                os.kill(int(entry), signal.SIGKILL)
        except (OSError, IndexError):
            pass
signal.signal(signal.SIGALRM, orphans)
status = 0
while True:
    try:
        child, st = os.wait()
    except ChildProcessError:
        break
    if child == pid:
        status = st
        signal.alarm(30)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(os.environ['REAP_OUT'], 'w').write(str(usage.ru_utime + usage.ru_stime))
sys.exit(os.waitstatus_to_exitcode(status))
`
const hasPython = (() => {
  try {
    execFileSync('python3', ['-c', 'import ctypes'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/** The test files of the "before" commit that this checkout still has. */
const beforeFiles = () =>
  git('ls-tree', '-r', '--name-only', before, 'tests')
    .split('\n')
    .filter((f) => f.endsWith('.test.ts') && existsSync(f))

/** One `npx vitest run` with a JSON report; wall time from spawn to exit. */
function runSuite(suite: Run['suite'], database: Run['database']): Promise<Run> {
  const cwd = suite === 'before' ? tree : process.cwd()
  const report = join(tree, `..`, `${tree.split('/').pop()}-${suite}-${database}.json`)
  const env = { ...process.env }
  delete env.DATABASE_URL
  if (database === 'PostgreSQL') env.DATABASE_URL = dbUrl(suite)
  const cpuFile = `${report}.cpu`
  env.REAP_OUT = cpuFile
  const started = performance.now()
  return new Promise((done, fail) => {
    const files = suite === 'after' && sameFiles ? beforeFiles() : []
    const command = ['npx', 'vitest', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`, ...files]
    const [program, ...argv] = hasPython ? ['python3', '-c', REAPER, ...command] : command
    const child = spawn(program!, argv, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('error', fail)
    child.on('exit', () => {
      const seconds = (performance.now() - started) / 1000
      const cpu = existsSync(cpuFile) ? Number(readFileSync(cpuFile, 'utf8')) : undefined
      rmSync(cpuFile, { force: true })
      if (!existsSync(report)) return fail(new Error(`${suite} ${database}: no report`))
      const r = JSON.parse(readFileSync(report, 'utf8')) as {
        numTotalTests: number
        numPassedTests: number
        numFailedTests: number
        numPendingTests: number
        numTodoTests?: number
      }
      rmSync(report)
      done({
        suite,
        database,
        seconds,
        total: r.numTotalTests,
        passed: r.numPassedTests,
        failed: r.numFailedTests,
        skipped: r.numPendingTests + (r.numTodoTests ?? 0),
        ...(cpu === undefined ? {} : { cpu }),
      })
    })
  })
}

try {
  execFileSync('git', ['worktree', 'add', '--detach', tree, before], { stdio: 'ignore' })
  // The older commit's own dependencies when its lock file differs (a package since removed would not resolve).
  const sameLock = readFileSync(join(tree, 'package-lock.json'), 'utf8') === readFileSync('package-lock.json', 'utf8')
  if (sameLock) symlinkSync(resolve('node_modules'), join(tree, 'node_modules'))
  else execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tree, stdio: 'inherit' })
  await dropAll()
  await admin(databases.map((name) => `CREATE DATABASE "${name}"`))
  // Warm both as a developer's second run would be: the web build the browser tests serve, the embedded template,
  // and (after) the PostgreSQL template.
  for (const cwd of [tree, process.cwd()]) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd, stdio: 'inherit' })
    execFileSync('npx', ['vitest', 'run', 'tests/api/migrations.test.ts'], { cwd, stdio: 'ignore' })
  }
  execFileSync('npx', ['vitest', 'run', 'tests/api/migrations.test.ts'], {
    stdio: 'ignore',
    env: { ...process.env, DATABASE_URL: dbUrl('after') },
  })

  const runs: Run[] = []
  for (let round = 0; round < rounds; round++)
    for (const database of ['embedded', 'PostgreSQL'] as const)
      for (const suite of ['before', 'after'] as const) {
        const run = await runSuite(suite, database)
        console.error(
          `${suite} ${database}: ${run.seconds.toFixed(1)} s${run.cpu === undefined ? '' : ` (CPU ${run.cpu.toFixed(1)} s)`}, ${run.total} tests (${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped)`,
        )
        runs.push(run)
      }

  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  const lines = [
    `## ${title}`,
    '',
    `Written by \`npm run bench:tests\` on ${new Date().toISOString().slice(0, 10)}: \`npm test\` before (${beforeCommit}: ${beforeLabel}) and after (${afterCommit}: ${afterLabel}${sameFiles ? `; only the ${beforeFiles().length} test files before had, as they are now` : ''}), side by side in the same run, ${rounds} round(s), medians. CPU: the whole process tree of the suite (Chromium included; the PostgreSQL server not). Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average at the end ${load} (other work shares this machine, and slows both alike). Tests: as reported by vitest (the two commits may differ by tests added in between). Each round: ${runs.map((r) => `${r.suite} ${r.database} ${r.seconds.toFixed(1)} s`).join(', ')}.`,
    '',
    '| database | before s | after s | after / before | before CPU s | after CPU s | tests before | tests after | failed before / after |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const database of ['embedded', 'PostgreSQL'] as const) {
    const pick = (suite: Run['suite']) => runs.filter((r) => r.database === database && r.suite === suite)
    const [b, a] = [pick('before'), pick('after')]
    const [bs, as] = [median(b.map((r) => r.seconds)), median(a.map((r) => r.seconds))]
    const cpu = (of: Run[]) => (of.every((r) => r.cpu !== undefined) ? median(of.map((r) => r.cpu!)).toFixed(1) : '—')
    lines.push(
      `| ${database} | ${bs.toFixed(1)} | ${as.toFixed(1)} | ${Math.round((as / bs) * 100)} % | ${cpu(b)} | ${cpu(a)} | ${b[0]!.total} | ${a[0]!.total} | ${b.map((r) => r.failed).join(',')} / ${a.map((r) => r.failed).join(',')} |`,
    )
  }
  lines.push('')
  const file = 'docs/benchmarks.md'
  const current = readFileSync(file, 'utf8')
  const start = current.indexOf(`\n## ${title}\n`)
  let next = start < 0 ? -1 : current.indexOf('\n## ', start + 1)
  if (next < 0) next = current.length
  const markdown = lines.join('\n')
  const updated =
    start < 0 ? `${current.trimEnd()}\n\n${markdown}` : `${current.slice(0, start + 1)}${markdown}${current.slice(next)}`
  writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`)
  console.log(markdown)
} finally {
  await cleanUp()
}
