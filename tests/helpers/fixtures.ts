/**
 * Data a test creates for itself. Each test file has its own database (a copy of the migrated sample, see
 * tests/helpers/test-db.ts), so what a file creates stays in that file; assert on what you created here rather than
 * on sample ids or on how many places the sample has, so the sample can change without breaking tests.
 */
import { placeRecordToRow } from '../../api/queries/place-rows.js'
import { PlaceRecord } from '../../api/schemas/place-record.js'
import { uniqueName } from './staff.js'
import { testDatabase } from './test-db.js'

export { createStaff, createTestPlace, ORG_MOBILE, ORG_WAITAN, PASSWORD, signIn, uniqueName } from './staff.js'

type PlaceInput = Partial<PlaceRecord> & Record<string, unknown>

/**
 * Inserts a place (validated like an import row) and returns it. Defaults: a caring station with drinking water in
 * Jiangbei, open Monday to Sunday 08:00–20:00, no organisation; anything can be overridden.
 */
export async function createPlace(overrides: PlaceInput = {}): Promise<PlaceRecord> {
  const { db } = await testDatabase()
  const record = PlaceRecord.parse({
    id: uniqueName('test-place'),
    category: 'caring_station',
    name_zh: '测试驿站',
    location: [121.55, 29.89],
    amenities: ['drinking_water'],
    opening_hours: {
      weekly: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [['08:00', '20:00']]])),
    },
    source: 'test',
    ...overrides,
  })
  await db.insertInto('place').values(placeRecordToRow(record)).execute()
  return record
}

/** Several places at once, e.g. `createPlaces(3, (i) => ({ location: [121.55 + i / 1000, 29.89] }))`. */
export async function createPlaces(count: number, each: (index: number) => PlaceInput = () => ({})) {
  const places: PlaceRecord[] = []
  for (let i = 0; i < count; i++) places.push(await createPlace(each(i)))
  return places
}
