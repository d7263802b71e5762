/**
 * `jsonb` values parsed once per distinct text and shared, frozen: every search row carries its opening and
 * staffed hours as jsonb, and the same few timetables come back thousands of times a minute. Parsing them was
 * the largest single cost of reading a row in the pg driver (≈ 4 µs each, two per row). Frozen so that no
 * request can change what another one reads; code that wants to edit such a value copies it first.
 */
const SHAREABLE_CHARS = 4096
const KEPT = 4096

const parsed = new Map<string, unknown>()

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

export function parseSharedJson(text: string): unknown {
  if (text.length > SHAREABLE_CHARS) return JSON.parse(text)
  let value = parsed.get(text)
  if (value === undefined) {
    value = deepFreeze(JSON.parse(text) as unknown)
    if (parsed.size >= KEPT) parsed.clear()
    parsed.set(text, value)
  }
  return value
}
