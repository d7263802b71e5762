import fc from 'fast-check'
import { CompiledQuery, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { NO_HOLIDAYS } from '../../api/domain/opening-hours.js'
import { matchingAreas, placesQuery, textMatch, withAreas } from '../../api/queries/places.js'
import { PlacesQuery } from '../../api/schemas/places-query.js'
import { inRolledBackTransaction, shanghai } from '../helpers/test-db.js'

// Few distinct characters, so needles often match: CJK, Latin in both cases, a digit, a space, one character
// outside the Basic Multilingual Plane (two UTF-16 units in JavaScript, one character in PostgreSQL).
const ALPHABET = ['江', '北', '区', '驿', '站', '宁', '波', '路', '号', 'a', 'B', 'c', '1', ' ', '𠀀']
const text = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: max }).map((cs) => cs.join(''))

/** The strpos scan `q=` ran before migration 0030: the reference the indexed search must agree with. */
const scanMatch = (needle: string) =>
  sql<boolean>`(strpos(p.search_text, ${needle}) > 0 OR strpos(lower(coalesce(a.name_zh, '') || ' ' || coalesce(a.name_en, '')), ${needle}) > 0)`

describe('text search (q=) through the character-pair index', () => {
  it('returns exactly the places the strpos scan returns, for any needle', async () => {
    await inRolledBackTransaction(async (trx) => {
      const [places, areas] = fc.sample(
        fc.tuple(
          fc.array(fc.record({ zh: text(12), en: fc.option(text(8)), address: fc.option(text(16)), area: fc.nat(4) }), {
            minLength: 150,
            maxLength: 150,
          }),
          fc.array(fc.tuple(text(4), text(6)), { minLength: 4, maxLength: 4 }),
        ),
        { numRuns: 1, seed: 14 },
      )[0]!
      await trx
        .insertInto('area')
        .values(areas.map(([zh, en], i) => ({ code: `search-test-${i}`, name_zh: zh, name_en: en })))
        .execute()
      const rows = places.map((p, i) => ({
        id: `search-test-${i}`,
        name_zh: p.zh,
        name_en: p.en,
        address_zh: p.address,
        area_code: p.area < 4 ? `search-test-${p.area}` : null,
      }))
      await sql`INSERT INTO place (id, category, name_zh, name_en, address_zh, area_code, location, source)
        SELECT r.id, 'caring_station', r.name_zh, r.name_en, r.address_zh, r.area_code, ST_GeogFromText('POINT(121.5 29.9)'), 'test'
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id text, name_zh text, name_en text, address_zh text, area_code text)`.execute(
        trx,
      )
      // Make the planner take the index even on this small table, so the indexed path is what is compared.
      // (Without JIT: the disabled scan's huge cost estimate would otherwise make PostgreSQL compile each query.)
      await sql`SET LOCAL enable_seqscan = off`.execute(trx)
      await sql`SET LOCAL jit = off`.execute(trx)
      const ids = async (match: ReturnType<typeof textMatch>) =>
        (
          await trx
            .selectFrom('place as p')
            .leftJoin('area as a', 'a.code', 'p.area_code')
            .where('p.id', 'like', 'search-test-%')
            .where(match)
            .select('p.id')
            .orderBy('p.id')
            .execute()
        ).map((r) => r.id)
      const needle = fc.oneof(
        text(3),
        // Substrings of real names and addresses, so most needles have matches.
        fc
          .tuple(fc.constantFrom(...places.flatMap((p) => [p.zh, p.address ?? p.zh])), fc.nat(), fc.integer({ min: 1, max: 5 }))
          .map(([s, from, length]) => {
            const chars = [...s]
            const start = from % chars.length
            return chars.slice(start, start + length).join('')
          }),
      )
      let matched = 0
      await fc.assert(
        fc.asyncProperty(needle, async (q) => {
          const lower = q.toLowerCase()
          const indexed = await ids(textMatch(q, await matchingAreas(trx, q)))
          expect(indexed).toEqual(await ids(scanMatch(lower)))
          // Without the areas read first (a subquery instead): the same answer.
          expect(await ids(textMatch(q))).toEqual(indexed)
          if (indexed.length > 0) matched++
        }),
        { numRuns: 80, seed: 1414 },
      )
      expect(matched).toBeGreaterThan(30)
    })
  })

  it('the places query finds a rare name through the GIN index, not by walking every place', async () => {
    await inRolledBackTransaction(async (trx) => {
      await sql`INSERT INTO place (id, category, name_zh, address_zh, location, source)
        SELECT 'search-plan-' || g, 'caring_station', '爱心驿站' || g, '宁波市江北区测试路' || g || '号',
               ST_SetSRID(ST_MakePoint(121.40 + (g % 173) * 0.0015, 29.85 + (g % 131) * 0.0015), 4326)::geography, 'test'
          FROM generate_series(1, 5000) AS g`.execute(trx)
      await sql`INSERT INTO place (id, category, name_zh, location, source)
        VALUES ('search-plan-dock', 'caring_station', '甬江龙舟码头驿站', ST_GeogFromText('POINT(121.55 29.89)'), 'test')`.execute(
        trx,
      )
      await sql`ANALYZE place`.execute(trx)
      for (const extra of [{}, { lat: '29.884', lng: '121.556' }]) {
        const filters = await withAreas(trx, PlacesQuery.parse({ q: '龙舟码头', limit: '20', ...extra }))
        const compiled = placesQuery(trx, filters, shanghai('2026-11-25T10:00'), NO_HOLIDAYS).compile()
        const plan = (
          await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${compiled.sql}`, [...compiled.parameters]))
        ).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n')
        expect(plan, plan).toMatch(/place_search_grams_gin/)
        expect(plan).not.toMatch(/Seq Scan on place/)
        const rows = (await placesQuery(trx, filters, shanghai('2026-11-25T10:00'), NO_HOLIDAYS).execute()) as Array<{
          id: string
        }>
        expect(rows.map((r) => r.id)).toEqual(['search-plan-dock'])
      }
    })
  })
})
