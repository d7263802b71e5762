/**
 * Text the database cannot store or that no honest client sends: NUL (PostgreSQL text and jsonb refuse it,
 * so it would surface as a 500) and UTF-16 surrogates without their pair (not valid Unicode; UTF-8 cannot
 * encode them). Checked at the edge so the caller learns which field is wrong.
 */
const UNSAFE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export function unsafeTextReason(text: string): string | undefined {
  const match = UNSAFE.exec(text)
  if (!match) return undefined
  return match[0] === '\0' ? 'contains a NUL character' : 'contains an unpaired UTF-16 surrogate (not valid Unicode)'
}

/** The first string (value or member name) in a JSON value that cannot be stored, with its dotted path. */
export function findUnsafeText(value: unknown, path: string[] = []): { field: string; message: string } | undefined {
  const at = (p: string[]) => p.join('.') || '(root)'
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value)
    return reason ? { field: at(path), message: reason } : undefined
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnsafeText(item, [...path, String(i)])
      if (found) return found
    }
    return undefined
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = unsafeTextReason(key)
      if (keyReason) return { field: at([...path, key]), message: `member name ${keyReason}` }
      const found = findUnsafeText(item, [...path, key])
      if (found) return found
    }
  }
  return undefined
}
