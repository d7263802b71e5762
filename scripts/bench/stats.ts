export interface RunResult {
  target: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Bytes of one typical response body (uncompressed). */
  bytes: number
  note?: string
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Runs `task` from `concurrency` loops for `seconds`; returns req/s and latency percentiles. */
export async function closedLoop(task: () => Promise<unknown>, concurrency: number, seconds: number) {
  const latencies: number[] = []
  const end = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now()
        await task()
        latencies.push(performance.now() - t)
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return { requestsPerSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) }
}
