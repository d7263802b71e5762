import { describe, expect, it } from 'vitest'
import type { Label } from '../../web/api.js'
import { makeI18n } from '../../web/i18n/index.js'
import { ago, confirmationLines, outageLines, shortDate, staffingLine } from '../../web/lib/live-truth.js'
import { readableValue } from '../../web/staff/readable.js'

const now = new Date('2026-11-25T02:00:00Z') // 10:00 in Shanghai
const labels: Label[] = [{ code: 'meal_heating', label_zh: '热饭', label_en: 'Meal heating', count: 1 }]

describe('live-truth words', () => {
  it('summarises confirmations as "3 人确认开放 · 12 分钟前", the newer side first', () => {
    const summary = {
      open: { count: 3, last_at: '2026-11-25T01:48:00Z' },
      closed: { count: 1, last_at: '2026-11-25T00:30:00Z' },
      amenity_broken: [],
    }
    expect(confirmationLines(summary, now, 'zh-CN')).toEqual(['3 人确认开放 · 12 分钟前', '1 人反映关闭 · 1 小时前'])
    expect(confirmationLines(summary, now, 'en')).toEqual(['3 confirmed open · 12 min ago', '1 reported closed · 1 h ago'])
    const closedNewer = { ...summary, closed: { count: 2, last_at: '2026-11-25T01:59:40Z' } }
    expect(confirmationLines(closedNewer, now, 'zh-CN')[0]).toBe('2 人反映关闭 · 刚刚')
    expect(confirmationLines(null, now, 'zh-CN')).toEqual([])
    expect(ago('2026-11-25T02:05:00Z', now, 'zh-CN')).toBe('刚刚')
  })

  it('says "热饭暂停 至 12/1" for an amenity out of order', () => {
    expect(outageLines({ meal_heating: { status: 'out_of_order', until: '2026-12-01' } }, labels, 'zh-CN')).toEqual([
      '热饭暂停 至 12/1',
    ])
    expect(outageLines({ meal_heating: { status: 'out_of_order', until: '2026-12-01' } }, labels, 'en')).toEqual([
      'Meal heating out of order until 1 Dec',
    ])
    expect(outageLines({ meal_heating: { status: 'out_of_order' } }, labels, 'zh-CN')).toEqual(['热饭暂停'])
    expect(shortDate('2027-01-09', 'zh-CN')).toBe('1/9')
  })

  it('says "无人值守 · 扫码进入" when self-service, "有人值守" when staffed, nothing when it does not know', () => {
    const access = { method: 'scan_code' as const }
    expect(staffingLine({ staffing_now: 'self_service', access }, 'zh-CN')).toBe('无人值守 · 扫码进入')
    expect(staffingLine({ staffing_now: 'staffed', access }, 'zh-CN')).toBe('有人值守')
    expect(staffingLine({ staffing_now: null, access }, 'zh-CN')).toBeNull()
    expect(staffingLine({ staffing_now: 'self_service', access: { method: 'key_from_counter' } }, 'en')).toBe(
      'Self-service now · key from the counter',
    )
  })
})

describe('the staff history says live-truth changes in words', () => {
  const ctx = { i18n: makeI18n('zh-CN'), catalogue: { amenities: labels, categories: [] } as never }
  it('facility status, access and staffed hours with the holiday rule', () => {
    expect(
      readableValue(
        'amenity_status',
        { meal_heating: { status: 'out_of_order', until: '2026-12-01', reason_zh: '微波炉维修' } },
        ctx,
      ),
    ).toBe('热饭：暂停使用至 2026-12-01（微波炉维修）')
    expect(readableValue('access', { method: 'scan_code', note_zh: '扫门口二维码' }, ctx)).toBe('扫码进入 — 扫门口二维码')
    expect(readableValue('staffed_hours', { weekly: { mo: [['09:00', '17:00']] }, holidays: 'closed' }, ctx)).toContain(
      '法定节假日 休息',
    )
  })
})
