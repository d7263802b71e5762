import fc from 'fast-check'
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { PostgresDialectWithCache } from '../../api/db/query-compiler.js'
import type { Database } from '../../api/db/schema.js'
import { AMENITY_CODES } from '../../api/domain/amenities.js'
import { CATEGORY_CODES } from '../../api/domain/categories.js'
import type { HolidayCalendar } from '../../api/domain/opening-hours.js'
import { placesQuery, placesStatement } from '../../api/queries/places.js'
import { statementTemplates } from '../../api/queries/statement-template.js'
import type { PlacesQuery } from '../../api/schemas/places-query.js'

// Compiling needs no database: PostgreSQL's adapter and the app's compiler over a driver that runs nothing.
const compiler = new PostgresDialectWithCache({ pool: () => Promise.reject(new Error('compile only')) })
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => compiler.createQueryCompiler(),
  },
})

// National Day 2026 and its make-up workday: instants around them take the holiday form of the SQL.
const calendar: HolidayCalendar = new Map([
  ['2026-10-01', 'holiday'],
  ['2026-10-02', 'holiday'],
  ['2026-10-10', 'makeup_workday'],
])
const instant = fc.oneof(
  fc.date({ min: new Date('2026-09-29T00:00:00Z'), max: new Date('2026-10-12T00:00:00Z'), noInvalidDate: true }),
  fc.date({ min: new Date('2026-11-20T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true }),
)
const coordinate = (min: number, max: number) => fc.double({ min, max, noNaN: true })
const query = fc
  .record({
    near: fc.option(
      fc.record({
        lat: coordinate(29.8, 30),
        lng: coordinate(121.4, 121.7),
        radius: fc.option(fc.integer({ min: 1, max: 50_000 }), { nil: undefined }),
        after: fc.option(fc.record({ d: fc.double({ min: 0, max: 1e5, noNaN: true }), id: fc.string() }), { nil: undefined }),
        tie: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    afterId: fc.option(fc.string(), { nil: undefined }),
    category: fc.option(fc.subarray([...CATEGORY_CODES], { minLength: 1 }), { nil: undefined }),
    amenity: fc.option(fc.subarray([...AMENITY_CODES], { minLength: 1 }), { nil: undefined }),
    open_now: fc.option(fc.boolean(), { nil: undefined }),
    limit: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ near, afterId, category, amenity, open_now, limit }) => {
    const filters: PlacesQuery = {
      limit,
      ...(category ? { category } : {}),
      ...(amenity ? { amenity } : {}),
      ...(open_now !== undefined ? { open_now } : {}),
    }
    if (!near) return { filters: { ...filters, ...(afterId !== undefined ? { cursor: { id: afterId } } : {}) } }
    const { lat, lng, radius, after, tie } = near
    return {
      filters: {
        ...filters,
        lat,
        lng,
        ...(radius !== undefined ? { radius } : {}),
        ...(after ? { cursor: after } : {}),
      },
      tie,
    }
  })

describe('statement templates', () => {
  it('give the places query exactly the SQL and parameters compiling it afresh gives (property)', () => {
    fc.assert(
      fc.property(query, instant, ({ filters, tie }, now) => {
        const fresh = placesQuery(db, filters, now, calendar, tie).compile()
        const bound = placesStatement(db, filters, now, calendar, tie)
        expect(bound.sql).toBe(fresh.sql)
        expect(bound.parameters).toEqual(fresh.parameters)
      }),
      { numRuns: 400 },
    )
  })

  it('refuse a builder that computes with a value instead of placing it in the SQL', () => {
    const limited = statementTemplates(
      (k: typeof db, _shape: null, values: { limit: number }) =>
        k
          .selectFrom('place')
          .select('id')
          .limit(values.limit + 1),
      () => '',
    )
    expect(() => limited(db, null, { limit: 10 })).toThrow(/limit was computed with/)
  })

  it('keep apart the statements of the same shape with other values present', () => {
    const build = (k: typeof db, _shape: null, values: { id?: string | undefined }) =>
      values.id === undefined
        ? k.selectFrom('place').select('id')
        : k.selectFrom('place').select('id').where(sql<boolean>`id = ${values.id}`)
    const templated = statementTemplates(build, () => '')
    expect(templated(db, null, { id: 'a' }).parameters).toEqual(['a'])
    expect(templated(db, null, { id: undefined }).sql).toBe(build(db, null, {}).compile().sql)
    expect(templated(db, null, { id: 'b' })).toMatchObject({ sql: build(db, null, { id: 'b' }).compile().sql, parameters: ['b'] })
  })
})
