/**
 * A place id derived from an external id, the same on every import of the same file: `x-` and 16 hex digits of
 * two 32-bit FNV-1a hashes (external ids are often Chinese or mixed case, which ids may not be).
 */
export function stableId(externalId: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (const ch of new TextEncoder().encode(externalId)) {
    a = Math.imul(a ^ ch, 0x01000193) >>> 0
    b = Math.imul(b ^ ch, 0x5bd1e995) >>> 0
  }
  return `x-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`
}
