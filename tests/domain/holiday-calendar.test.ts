import { createRequire } from 'node:module'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../helpers/test-db.js'

const require = createRequire(import.meta.url)
const chineseDays = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

describe('the seeded holiday calendar', () => {
  it('holds exactly what the chinese-days package says for 2025 and 2026', async () => {
    const { db } = await testDatabase()
    const rows = await db
      .selectFrom('holiday_calendar')
      .select([sql<string>`date::text`.as('date'), 'kind', 'name_zh', 'name_en'])
      .where('source', 'like', 'chinese-days%')
      .orderBy('date')
      .execute()
    const expected = [
      ...Object.entries(chineseDays.holidays).map(([date, v]) => [date, 'holiday', v] as const),
      ...Object.entries(chineseDays.workdays).map(([date, v]) => [date, 'makeup_workday', v] as const),
    ]
      .filter(([date]) => date >= '2025-01-01' && date <= '2026-12-31')
      .map(([date, kind, v]) => ({ date, kind, name_zh: v.split(',')[1], name_en: v.split(',')[0] }))
      .sort((a, b) => a.date.localeCompare(b.date))
    expect(rows).toEqual(expected)
  })

  it('has the 2026 Spring Festival and National Day with their make-up workdays', async () => {
    const { db } = await testDatabase()
    const kinds = await db
      .selectFrom('holiday_calendar')
      .select([sql<string>`date::text`.as('date'), 'kind'])
      .where('date', 'in', ['2026-02-14', '2026-02-15', '2026-02-23', '2026-02-24', '2026-02-28', '2026-10-07', '2026-10-10'])
      .orderBy('date')
      .execute()
    expect(kinds.map((k) => `${k.date} ${k.kind}`)).toEqual([
      '2026-02-14 makeup_workday',
      '2026-02-15 holiday',
      '2026-02-23 holiday',
      '2026-02-28 makeup_workday',
      '2026-10-07 holiday',
      '2026-10-10 makeup_workday',
    ])
  })
})
