import { canonicalJson, type FieldChanges } from './place-diff.js'

/** One audit entry after the version an edit was made on: the version it produced and its fields' before/after. */
export interface AuditStep {
  version: number
  changes: FieldChanges
}

/** A field the editor changed that someone else changed too since the version the editor started from. */
export interface FieldConflict {
  field: string
  /** The value when the editor loaded the place; `null` with `base_known: false` when the record cannot say. */
  base: unknown
  base_known: boolean
  current: unknown
  yours: unknown
}

export interface MergeResult {
  /** Before/after of what to write (empty: nothing to do). */
  changes: FieldChanges
  conflicts: FieldConflict[]
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null)

/**
 * Set fields merge member by member: what the editor ticked or unticked since the base, applied to the current set
 * (two people ticking different facilities both count). Order follows `current`, then the editor's additions.
 */
const SET_FIELDS = new Set(['amenities'])
function mergeSet(base: unknown[], current: unknown[], yours: unknown[]): unknown[] {
  const has = (list: unknown[], v: unknown) => list.some((x) => same(x, v))
  const removed = base.filter((v) => !has(yours, v))
  const added = yours.filter((v) => !has(base, v))
  return [...current.filter((v) => !has(removed, v)), ...added.filter((v) => !has(current, v))]
}

/**
 * A field-wise three-way merge of an edit made on `baseVersion` onto the place as it is now. A field the editor
 * sent is written when nobody changed it since the base; when somebody did and the values differ it is a conflict
 * (sets such as amenities merge member-wise instead). `history` must hold the audit entries after the base; if it
 * does not cover every version up to the current one (rows from before the audit was complete), nothing is
 * guessed: every sent field whose value differs from the current one is a conflict.
 */
export function mergeEdit(args: {
  baseVersion: number
  current: Record<string, unknown> & { version: number }
  fields: Record<string, unknown>
  history: AuditStep[]
}): MergeResult {
  const { baseVersion, current, fields } = args
  const steps = args.history.filter((s) => s.version > baseVersion && s.version <= current.version)
  steps.sort((a, b) => a.version - b.version)
  const versions = new Set(steps.map((s) => s.version))
  const complete = baseVersion <= current.version && versions.size === current.version - baseVersion
  const changes: FieldChanges = {}
  const conflicts: FieldConflict[] = []
  for (const [field, yours] of Object.entries(fields)) {
    const now = current[field] ?? null
    if (same(now, yours)) continue
    const touched = steps.find((s) => field in s.changes)
    if (!touched && complete) {
      changes[field] = { before: now, after: yours ?? null }
      continue
    }
    const base = touched?.changes[field]?.before ?? null
    if (touched && complete && SET_FIELDS.has(field) && Array.isArray(base) && Array.isArray(now) && Array.isArray(yours)) {
      const merged = mergeSet(base, now, yours)
      if (!same(merged, now)) changes[field] = { before: now, after: merged }
      continue
    }
    conflicts.push({ field, base: complete ? base : null, base_known: complete, current: now, yours: yours ?? null })
  }
  return conflicts.length ? { changes: {}, conflicts } : { changes, conflicts }
}
