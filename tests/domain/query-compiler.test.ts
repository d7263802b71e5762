/**
 * The compiler that remembers parameter-free selections (api/db/query-compiler.ts) must write exactly the SQL and
 * parameters Kysely's own PostgreSQL compiler writes, however often a shared builder is compiled and wherever its
 * selections land among other parameters.
 */
import { Kysely, PostgresDialect, sql, type Compilable } from 'kysely'
import { describe, expect, it } from 'vitest'
import { PostgresDialectWithCache } from '../../api/db/query-compiler.js'
import type { Database } from '../../api/db/schema.js'
import { placesQuery } from '../../api/queries/places.js'
import { PlacesQuery } from '../../api/schemas/places-query.js'

// Compiling never connects: a pool that is never asked for a connection.
const pool = { connect: () => Promise.reject(new Error('not connected')), end: async () => {} }
const plain = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) })
const caching = new Kysely<Database>({ dialect: new PostgresDialectWithCache({ pool: pool as never }) })

const compiled = (query: Compilable) => {
  const { sql: text, parameters } = query.compile()
  return { text, parameters }
}

describe('the selection-caching compiler', () => {
  it('compiles the place searches as Kysely does, again and again, for other instants and filters', () => {
    const searches = [
      { lat: '29.9', lng: '121.5', amenity: 'drinking_water,meal_heating', open_now: 'true', limit: '10' },
      { lat: '29.91', lng: '121.52', category: 'clinic', limit: '5' },
      { q: '驿站', open_now: 'false' },
      { bbox: '121.5,29.88,121.54,29.9', amenity: 'toilet' },
    ].map((raw) => PlacesQuery.parse(raw))
    const instants = [new Date('2026-11-26T02:00:00Z'), new Date('2026-10-01T12:30:00Z'), new Date('2026-11-26T02:00:00Z')]
    const calendar = new Map()
    for (const now of instants)
      for (const search of searches) {
        const expected = compiled(placesQuery(plain, search, now, calendar))
        expect(compiled(placesQuery(caching, search, now, calendar))).toEqual(expected)
        expect(compiled(placesQuery(caching, search, now, calendar))).toEqual(expected)
      }
  })

  it('numbers the parameters of a shared selection by where it lands', () => {
    // One builder whose first selection holds a parameter: $1 on its own, $2 under an outer parameter.
    const shared = (db: Kysely<Database>) =>
      db.selectFrom('place as p').select([sql<string>`${'inner'}::text`.as('tag'), 'p.id', 'p.name_zh'])
    for (const db of [plain, caching]) {
      const inner = shared(db)
      const alone = compiled(inner.where('p.category', '=', 'clinic'))
      const nested = compiled(db.selectFrom(inner.as('s')).select([sql<string>`${'outer'}::text`.as('first'), 's.id']))
      expect(alone.text).toContain('select $1::text as "tag", "p"."id", "p"."name_zh" from')
      expect(alone.parameters).toEqual(['inner', 'clinic'])
      expect(nested.text).toMatch(/^select \$1::text as "first", "s"\."id" from \(select \$2::text as "tag", "p"\."id"/)
      expect(nested.parameters).toEqual(['outer', 'inner'])
      // And once more with the same nodes, now remembered.
      expect(compiled(inner.where('p.category', '=', 'clinic'))).toEqual(alone)
    }
  })
})
