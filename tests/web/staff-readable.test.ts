import { describe, expect, it } from 'vitest'
import { IMPORT_CODES, importMessage } from '../../api/import/messages.js'
import type { Label } from '../../web/api.js'
import { makeI18n } from '../../web/i18n/index.js'
import { importText } from '../../web/staff/import-messages.js'
import { fieldLabel, hoursText, readableValue } from '../../web/staff/readable.js'

const catalogue: { categories: Label[]; amenities: Label[] } = {
  categories: [{ code: 'caring_station', label_zh: '爱心驿站', label_en: 'Caring station', count: 1 }],
  amenities: [
    { code: 'drinking_water', label_zh: '饮用水', label_en: 'Drinking water', count: 1 },
    { code: 'toilet', label_zh: '卫生间', label_en: 'Toilet', count: 1 },
  ],
}
const zh = { i18n: makeI18n('zh-CN'), catalogue }
const en = { i18n: makeI18n('en'), catalogue }
const HOURS = {
  weekly: {
    mo: [['08:00', '20:00']],
    tu: [['08:00', '20:00']],
    we: [['08:00', '20:00']],
    th: [['08:00', '20:00']],
    fr: [['08:00', '20:00']],
    sa: [['22:00', '26:00']],
  },
  exceptions: [{ date: '2026-10-01', intervals: [], note_zh: '国庆休息', note_en: 'National Day' }],
} as const

describe('staff values in words (history, conflicts)', () => {
  it('labels fields in zh and en', () => {
    expect(fieldLabel('amenities', 'zh-CN')).toBe('设施')
    expect(fieldLabel('opening_hours', 'zh-CN')).toBe('开放时间')
    expect(fieldLabel('status', 'en')).toBe('Status')
    expect(fieldLabel('details.capacity', 'zh-CN')).toBe('详情 · 容纳人数')
  })
  it('names amenities, statuses and positions instead of codes', () => {
    expect(readableValue('amenities', ['drinking_water', 'toilet'], zh)).toBe('饮用水、卫生间')
    expect(readableValue('amenities', ['drinking_water'], en)).toBe('Drinking water')
    expect(readableValue('status', 'temporarily_closed', zh)).toBe('暂停服务')
    expect(readableValue('status', 'closed', en)).toBe('Closed for good')
    expect(readableValue('status_reason', null, zh)).toBe('—')
    expect(readableValue('location', [121.55, 29.89], zh)).toBe('经度 121.55，纬度 29.89')
    expect(readableValue('category', 'caring_station', zh)).toBe('爱心驿站')
    expect(readableValue('details', { host_kind: 'shop', capacity: 8 }, zh)).toBe('承办方：沿街商铺；容纳人数：8')
  })
  it('writes hours as text, with exception notes', () => {
    expect(hoursText(HOURS as never, makeI18n('zh-CN'))).toBe(
      '周一至周五 08:00–20:00；周六 22:00–02:00 (+1)；周日 休息；2026-10-01 休息（国庆休息）',
    )
    expect(readableValue('opening_hours', HOURS, en)).toBe(
      'Mon–Fri 08:00–20:00; Sat 22:00–02:00 (+1); Sun Closed; 2026-10-01 Closed (National Day)',
    )
  })
  it('never shows JSON braces or raw codes for what an edit can change', () => {
    for (const [field, value] of [
      ['opening_hours', HOURS],
      ['amenities', ['toilet']],
      ['details', { host_kind: 'mobile' }],
      ['status', 'open'],
    ] as const)
      for (const ctx of [zh, en]) expect(readableValue(field, value, ctx)).not.toMatch(/[{}[\]"]|_/)
  })
})

describe('import report messages', () => {
  it('has a Chinese text for every code, with its parameters filled in', () => {
    for (const code of IMPORT_CODES) {
      const text = importText('zh-CN', { code, params: { line: 7, found: 10, expected: 9 } }, importMessage(code))
      expect(text, code).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(importText('zh-CN', { code: 'field_count', params: { expected: 9, found: 10 } }, '')).toContain(
      '有 10 个字段，而表头有 9 列',
    )
    expect(
      importText(
        'en',
        { code: 'field_count', params: { expected: 9, found: 10 } },
        importMessage('field_count', { expected: 9, found: 10 }),
      ),
    ).toContain('10 fields where the header has 9')
  })
})
