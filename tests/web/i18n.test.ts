import { describe, expect, it } from 'vitest'
import { AMENITIES } from '../../api/domain/amenities.js'
import { CATEGORIES } from '../../api/domain/categories.js'
import { MESSAGES, pick, translate, type Message } from '../../web/i18n/index.js'
import { AMENITY_ICON_PATHS, CATEGORY_ICON_PATHS } from '../../web/components/icons.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('i18n', () => {
  it('has every message in both languages, non-empty and with the same placeholders', () => {
    const zh = MESSAGES['zh-CN']
    const en = MESSAGES.en
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    const forms = (m: Message) => (typeof m === 'string' ? [m] : Object.values(m))
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      for (const text of [...forms(zh[key]), ...forms(en[key])]) {
        expect(text.trim(), key).not.toBe('')
        expect(placeholders(text), key).toEqual(placeholders(forms(zh[key])[0]!))
      }
    }
  })

  it('says "1 place" and "2 places": plural forms from Intl.PluralRules', () => {
    expect(translate('en', 'resultsCount', { n: 1 })).toBe('1 place')
    expect(translate('en', 'resultsCount', { n: 2 })).toBe('2 places')
    expect(translate('en', 'resultsCount', { n: 0 })).toBe('0 places')
    expect(translate('en', 'showAll', { n: 1 })).toBe('Show the 1 place')
    expect(translate('en', 'showAll', { n: 12 })).toBe('Show all 12 places')
    expect(translate('zh-CN', 'resultsCount', { n: 1 })).toBe('1 个地点')
    expect(translate('zh-CN', 'resultsCount', { n: 2 })).toBe('2 个地点')
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
