/**
 * The embedded database belongs to one process at a time: PGlite reads its folder at start and writes it back
 * as it goes, so a second process (user:add, db:migrate, import while `npm start` runs) would write to a copy the
 * server never sees, or have its writes overwritten. A lock file next to the folder names the owner; a second
 * process stops with a message saying who holds it. A lock left by a process that has died is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

export class DataDirBusy extends Error {
  constructor(dataDir: string, owner: { pid: number; command: string }) {
    super(
      `The embedded database in ${dataDir} is in use by process ${owner.pid} (${owner.command}). ` +
        'Stop it first (the embedded database allows one process at a time), or set DATABASE_URL to use PostgreSQL.',
    )
    this.name = 'DataDirBusy'
  }
}

const lockPath = (dataDir: string) => join(dirname(dataDir), `.${basename(dataDir)}.lock`)

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(path: string): { pid: number; command: string } | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; command?: unknown }
    return typeof owner.pid === 'number'
      ? { pid: owner.pid, command: typeof owner.command === 'string' ? owner.command : '?' }
      : undefined
  } catch {
    return undefined
  }
}

/** Takes the folder's lock (throws DataDirBusy when a live process holds it); returns the release function. */
export function lockDataDir(dataDir: string, command = process.argv.slice(1).join(' ')): () => void {
  const path = lockPath(dataDir)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, JSON.stringify({ pid: process.pid, command }))
      closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        process.off('exit', release)
        if (readOwner(path)?.pid === process.pid) unlinkSync(path)
      }
      process.on('exit', release)
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readOwner(path)
      if (owner && owner.pid !== process.pid && alive(owner.pid)) throw new DataDirBusy(dataDir, owner)
      // Left behind by a process that is gone (or unreadable): take it over.
      unlinkSync(path)
    }
  }
  throw new DataDirBusy(dataDir, readOwner(path) ?? { pid: 0, command: 'unknown' })
}
