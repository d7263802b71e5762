/**
 * Measurement only (TEST_CPU_LOG=<file>): appends one JSON line per test file with the CPU its worker spent on it —
 * the worker's own threads, and its descendants (Chromium, child scripts), read from /proc — so the suite's cost
 * can be split by file and kind. Registered before open-database.ts, so its afterAll runs after the file's own.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect } from 'vitest'

const HZ = 100
interface Tree {
  chromium: number
  other: number
}
function descendants(): Tree {
  const parent = new Map<number, number>()
  const stat = new Map<number, string[]>()
  const comm = new Map<number, string>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    let text: string
    try {
      text = readFileSync(`/proc/${name}/stat`, 'utf8')
    } catch {
      continue
    }
    const close = text.lastIndexOf(')')
    const fields = text.slice(close + 2).split(' ')
    const pid = Number(name)
    parent.set(pid, Number(fields[1]))
    stat.set(pid, fields)
    comm.set(pid, text.slice(text.indexOf('(') + 1, close))
  }
  const tree: Tree = { chromium: 0, other: 0 }
  const self = stat.get(process.pid)!
  tree.other += (Number(self[13]) + Number(self[14])) / HZ // reaped children of the worker
  const frontier = [process.pid]
  const children = new Map<number, number[]>()
  for (const [pid, ppid] of parent) children.set(ppid, [...(children.get(ppid) ?? []), pid])
  while (frontier.length) {
    for (const kid of children.get(frontier.pop()!) ?? []) {
      frontier.push(kid)
      const f = stat.get(kid)!
      const cpu = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / HZ
      if (/chrom/i.test(comm.get(kid) ?? '')) tree.chromium += cpu
      else tree.other += cpu
    }
  }
  return tree
}

const log = process.env.TEST_CPU_LOG
if (log) {
  let start: { at: number; own: NodeJS.CpuUsage; tree: Tree; file: string } | undefined
  beforeAll(() => {
    start = { at: performance.now(), own: process.cpuUsage(), tree: descendants(), file: expect.getState().testPath ?? '' }
  })
  afterAll(() => {
    if (!start) return
    const own = process.cpuUsage(start.own)
    const tree = descendants()
    const line = {
      file: start.file.replace(`${process.cwd()}/`, ''),
      worker: process.env.VITEST_POOL_ID,
      wall: (performance.now() - start.at) / 1000,
      own: (own.user + own.system) / 1e6,
      chromium: tree.chromium - start.tree.chromium,
      children: tree.other - start.tree.other,
    }
    appendFileSync(log, `${JSON.stringify(line)}\n`)
  })
}
