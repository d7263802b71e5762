import { describe, expect, it } from 'vitest'
import { AMENITIES } from '../../api/domain/amenities.js'
import { CATEGORIES } from '../../api/domain/categories.js'
import { MESSAGES, pick, translate } from '../../web/i18n/index.js'
import { AMENITY_ICON_PATHS, CATEGORY_ICON_PATHS } from '../../web/components/icons.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('i18n', () => {
  it('has every message in both languages, non-empty and with the same placeholders', () => {
    const zh = MESSAGES['zh-CN']
    const en = MESSAGES.en
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('')
      expect(en[key].trim(), key).not.toBe('')
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]))
    }
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'openUntil', { time: '20:00' })).toBe('Open until 20:00')
    expect(translate('zh-CN', 'closedOpens', { time: '08:00' })).toBe('已关闭，08:00 开门')
    expect(translate('en', 'openUntil')).toBe('Open until {time}')
  })

  it('picks the English value and falls back to Chinese when it is missing', () => {
    expect(pick('en', '饮用水', 'Drinking water')).toBe('Drinking water')
    expect(pick('en', '饮用水', null)).toBe('饮用水')
    expect(pick('zh-CN', '饮用水', 'Drinking water')).toBe('饮用水')
  })

  it('has an icon for every category and amenity the API knows', () => {
    for (const c of CATEGORIES) expect(CATEGORY_ICON_PATHS[c.code], c.code).toBeTruthy()
    for (const a of AMENITIES) expect(AMENITY_ICON_PATHS[a.code], a.code).toBeTruthy()
  })
})
