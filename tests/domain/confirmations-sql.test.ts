import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { confirmationWeight, likelyClosed, type Confirmation } from '../../api/domain/confirmations.js'
import { createTestPlace, removeTestPlaces } from '../helpers/staff.js'
import { shanghai, testDatabase } from '../helpers/test-db.js'

afterAll(removeTestPlaces)

const now = shanghai('2026-11-25T10:00')
/**
 * Made from an hour after `now` (an `at=` in the past sees those) to 25 hours before it, to the millisecond; most
 * within the last three hours, where the weights decide.
 */
const madeAt = fc
  .oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 * 3_600_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: -3_600_000, max: 25 * 3_600_000 }) },
  )
  .map((age) => new Date(now.getTime() - age))
const confirmation: fc.Arbitrary<Confirmation> = fc.record({
  kind: fc.constantFrom('open' as const, 'closed' as const, 'amenity_broken' as const),
  amenity: fc.constant(null),
  created_at: madeAt,
})

describe('confirmations in SQL and in TypeScript', () => {
  it('agree on each weight', async () => {
    const { db } = await testDatabase()
    await fc.assert(
      fc.asyncProperty(madeAt, async (made) => {
        const { rows } = await sql<{
          w: number
        }>`SELECT confirmation_weight(${made}::timestamptz, ${now}::timestamptz) AS w`.execute(db)
        expect(rows[0]!.w).toBeCloseTo(confirmationWeight(made, now), 12)
      }),
      { numRuns: 200 },
    )
  })

  it('agree on "likely closed" for any confirmations and verification time', async () => {
    const { db } = await testDatabase()
    const placeId = await createTestPlace(null)
    await fc.assert(
      fc.asyncProperty(fc.array(confirmation, { maxLength: 8 }), fc.option(madeAt, { nil: null }), async (list, verified) => {
        await db.deleteFrom('place_confirmation').where('place_id', '=', placeId).execute()
        if (list.length)
          await db
            .insertInto('place_confirmation')
            .values(
              list.map((c) => ({
                place_id: placeId,
                kind: c.kind,
                amenity: c.kind === 'amenity_broken' ? 'wifi' : null,
                created_at: c.created_at,
              })),
            )
            .execute()
        const { rows } = await sql<{ likely: boolean }>`
          SELECT place_likely_closed(${placeId}, ${verified}::timestamptz, ${now}::timestamptz) AS likely`.execute(db)
        expect(rows[0]!.likely).toBe(likelyClosed(list, verified, now))
      }),
      { numRuns: 150 },
    )
  })
})
