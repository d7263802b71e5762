/** JSON with object keys sorted: jsonb reorders keys, so plain JSON.stringify would see changes that are not. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  )
}

export type FieldChanges = Record<string, { before: unknown; after: unknown }>

/** Before/after of every field in `next` whose value differs from `current`. */
export function diffFields(current: Record<string, unknown>, next: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {}
  for (const [field, after] of Object.entries(next)) {
    const before = current[field] ?? null
    if (canonicalJson(before) !== canonicalJson(after ?? null)) changes[field] = { before, after: after ?? null }
  }
  return changes
}
