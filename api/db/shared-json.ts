/**
 * `jsonb` and `text[]` values parsed once per distinct text and shared, frozen: every search row carries its
 * opening and staffed hours as jsonb and its amenities as text[], and the same few timetables and kits come back
 * thousands of times a minute. Parsing them was the largest single cost of reading a row in the pg driver
 * (≈ 4 µs per timetable). Frozen so that no request can change what another one reads; code that wants to edit
 * such a value copies it first.
 */
export const JSON_OID = 114
export const JSONB_OID = 3802
const SHAREABLE_CHARS = 4096
const KEPT = 4096

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/** `parse`'s value for `text`, parsed once per distinct text (up to 4 KB) and frozen. */
export function sharedParser(parse: (text: string) => unknown): (text: string) => unknown {
  const parsed = new Map<string, unknown>()
  return (text) => {
    if (text.length > SHAREABLE_CHARS) return parse(text)
    let value = parsed.get(text)
    if (value === undefined) {
      value = deepFreeze(parse(text))
      if (parsed.size >= KEPT) parsed.clear()
      parsed.set(text, value)
    }
    return value
  }
}

export const parseSharedJson = sharedParser((text) => JSON.parse(text) as unknown)
