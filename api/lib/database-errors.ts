/** Errors meaning "the database cannot be reached right now" (→ 503), as opposed to a bad query. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN'])

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code)) return true
    // 08xxx connection exceptions, 53xxx insufficient resources, 57P0x admin shutdown / cannot connect now.
    if (/^(08|53)/.test(code) || /^57P0[1-4]$/.test(code) || code === '57014') return true
  }
  return /timeout exceeded when trying to connect|Connection terminated|connection (is )?closed|Query read timeout|connect ECONNREFUSED/i.test(
    error.message,
  )
}
