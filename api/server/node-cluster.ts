/**
 * `WORKERS=N` with PostgreSQL: N copies of the Node server sharing one port (node:cluster), so the API uses more
 * than one core. A Node process runs JavaScript on one thread, and a search costs it about as much CPU as it costs
 * PostgreSQL, so one process caps the API near one core whatever the database could give. Not for the embedded
 * database: PGlite lives inside one process and its data folder takes one opener.
 */
import cluster from 'node:cluster'

/** Forks `workers` copies of this script; one that dies unasked is replaced after a second. Resolves never. */
export function runCluster(workers: number, log: (line: string) => void): void {
  let stopping = false
  const fork = () => cluster.fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    log(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`)
    setTimeout(fork, 1000).unref()
  })
  const stop = () => {
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  for (let i = 0; i < workers; i++) fork()
  log(`Waystation: ${workers} workers`)
}

export const isClusterPrimary = () => cluster.isPrimary
