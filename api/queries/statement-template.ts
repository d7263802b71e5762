import { createQueryId, type CompiledQuery, type Compilable } from 'kysely'

/**
 * Statement templates: a query compiled once per shape, its values bound per execution. Kysely builds and compiles
 * a statement's whole operation tree on every request; for the busiest search that was about a fifth of the Node
 * server's CPU per request (docs/benchmarks.md, "API"). A builder written to only place its values in the SQL (as
 * parameters, never computing with them or choosing SQL by them: what decides the SQL is the shape) is built once
 * over slots standing for the values; each execution then swaps the request's values into the slots' parameters.
 * tests/api/statement-template.test.ts proves the bound statement equals the one compiled afresh.
 */

/** A value of a template, by its path in the values object: compiled as a placeholder, bound per execution. */
class Slot {
  constructor(readonly path: readonly string[]) {}
  /** A builder that computes with a slot (arithmetic, a string) would bake a wrong constant into the template. */
  [Symbol.toPrimitive](): never {
    throw new Error(`statement template: ${this.path.join('.')} was computed with, not placed in the SQL`)
  }
}

const isNested = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype

/**
 * `values` with every leaf (a primitive, an array, a Date) a Slot, nested plain objects followed; an absent value
 * stays undefined, so a builder may leave out what is absent (which values are present is part of the key).
 */
function slotsFor<V extends object>(values: V, path: readonly string[] = []): V {
  return new Proxy(values, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      const value = (target as Record<string, unknown>)[key]
      if (value === undefined) return undefined
      return isNested(value) ? slotsFor(value, [...path, key]) : new Slot([...path, key])
    },
  })
}

/** Which values are present: `1` or `0` per leaf, nested objects in brackets (their keys in the order built). */
function presence(values: object): string {
  let out = ''
  for (const value of Object.values(values)) out += value === undefined ? '0' : isNested(value) ? `(${presence(value)})` : '1'
  return out
}

function valueAt(values: object, path: readonly string[]): unknown {
  let value: unknown = values
  for (const key of path) value = (value as Record<string, unknown>)[key]
  return value
}

/**
 * Templates of one builder, by database, shape key and which values are present. `build(db, shape, values)` must give
 * the same SQL for every values object with the same ones present (only the parameters differ); `key(shape)` must
 * tell apart every two shapes that give different SQL. Shapes are few (a handful of flags), so templates stay.
 */
export function statementTemplates<D extends object, S, V extends object, R>(
  build: (db: D, shape: S, values: V) => Compilable<R>,
  key: (shape: S) => string,
) {
  const byDb = new WeakMap<D, Map<string, CompiledQuery<R>>>()
  /** The statement of `shape` with `values` bound, as `build(db, shape, values).compile()` would give it. */
  return function bound(db: D, shape: S, values: V): CompiledQuery<R> {
    let templates = byDb.get(db)
    if (!templates) byDb.set(db, (templates = new Map<string, CompiledQuery<R>>()))
    const name = `${key(shape)}|${presence(values)}`
    let template = templates.get(name)
    if (!template) {
      // Built over slots (the request's values only lend their structure), so no request's value is kept in it.
      template = build(db, shape, slotsFor(values)).compile()
      templates.set(name, template)
    }
    const parameters = template.parameters.map((p) => (p instanceof Slot ? valueAt(values, p.path) : p))
    return { ...template, queryId: createQueryId(), parameters }
  }
}
