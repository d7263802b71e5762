import { describe, expect, it } from 'vitest'
import { createCalendarCache } from '../../api/queries/calendar-cache.js'
import { testDatabase } from '../helpers/test-db.js'

// A day no seeded calendar names, so the test's own row is the only one in the window.
const DATE = '2031-03-04'

describe('the holiday calendar cache', () => {
  it('reads the window once per TTL, sees a write after the TTL or a clear, and keeps no failed read', async () => {
    const { db } = await testDatabase()
    let now = 0
    const cache = createCalendarCache(30_000, () => now)
    expect((await cache.window(db, DATE)).days).toEqual([])

    await db
      .insertInto('holiday_calendar')
      .values({ date: DATE, kind: 'holiday', name_zh: '测试日', name_en: 'Test day', source: 'test', updated_at: new Date() })
      .execute()
    now = 29_000
    expect((await cache.window(db, DATE)).days, 'within the TTL: the kept copy').toEqual([])
    now = 30_000
    expect((await cache.window(db, DATE)).kinds.get(DATE), 'after the TTL: read again').toBe('holiday')

    await db.deleteFrom('holiday_calendar').where('date', '=', DATE).execute()
    cache.clear()
    expect((await cache.window(db, DATE)).days, 'after clear(): read again').toEqual([])

    const broken = {
      selectFrom: () => {
        throw new Error('database down')
      },
    } as unknown as typeof db
    const other = '2031-05-06'
    await expect(cache.window(broken, other)).rejects.toThrow('database down')
    expect((await cache.window(db, other)).days, 'the failed read was not kept').toEqual([])
  })
})
