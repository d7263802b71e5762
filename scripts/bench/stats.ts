export interface RunResult {
  target: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Bytes of one typical response body (uncompressed). */
  bytes: number
  /** The same body as sent when the client asks for gzip (about: gzip at the default level). */
  wireBytes?: number
  note?: string
  /** CPU time (user + system) the serving process used per request, when it is one process. */
  serverCpuMs?: number
  /** Over several rounds: this target's rate divided by the baseline's (the first target) of the same round, each. */
  ratios?: number[]
}

/** The middle value; with an even count, the mean of the middle two. */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
