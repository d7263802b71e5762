/**
 * Search that understands needs: "厕所", "toilet", "喝水", "clinic" name a facility or a kind of place, not a
 * station's name. A query that is such a word (or holds one as a separate word) also matches every place with
 * that facility or of that category. Shared by the API's search and the app's offline search.
 */
import { AMENITIES, type AmenityCode } from './amenities.js'
import { CATEGORIES, type CategoryCode } from './categories.js'

const AMENITY_WORDS: Record<AmenityCode, string[]> = {
  rest_seating: ['休息', '歇脚', '座椅', '坐', 'rest', 'seat', 'seats', 'seating', 'sit'],
  drinking_water: ['饮水', '喝水', '水', '热水', '开水', '直饮水', 'water', 'drink', 'drinking water'],
  first_aid_kit: ['急救', '药箱', '医药箱', '创可贴', 'first aid', 'firstaid', 'medicine'],
  wifi: ['无线', 'wifi', 'wi-fi', 'wlan', '上网', 'internet'],
  phone_charging: ['充电', '手机充电', '充电宝', 'charge', 'charging', 'charger', 'phone charging'],
  smartphone_help: ['帮办', '手机帮办', '智能手机', 'phone help', 'smartphone'],
  meal_heating: ['热饭', '加热', '微波炉', '热菜', 'microwave', 'heat food', 'meal heating', 'heating food'],
  toilet: ['厕所', '卫生间', '洗手间', '公厕', '厕', 'wc', 'toilet', 'toilets', 'restroom', 'bathroom', 'loo'],
  air_conditioning: ['空调', '取暖', '暖气', '冷气', 'ac', 'air conditioning', 'warm', 'cool'],
  ebike_charging: ['电动车充电', '电瓶车充电', '电动车', '电瓶车', 'ebike', 'e-bike', 'e-bike charging', 'scooter'],
  umbrella_lending: ['雨伞', '借伞', '伞', 'umbrella', 'umbrellas'],
  accessible_entrance: ['无障碍', '轮椅', 'accessible', 'wheelchair', 'step-free'],
}
const CATEGORY_WORDS: Record<CategoryCode, string[]> = {
  caring_station: ['驿站', '爱心驿站', '户外劳动者', 'station', 'caring station', 'rest stop'],
  clinic: [
    '医院',
    '诊所',
    '卫生',
    '卫生院',
    '卫生室',
    '社区卫生',
    '医疗',
    '看病',
    'clinic',
    'clinics',
    'hospital',
    'doctor',
    'health',
    'medical',
  ],
  talent_apartment: ['公寓', '人才公寓', '住宿', 'apartment', 'apartments', 'housing', 'talent apartment'],
  training_base: ['培训', '培训基地', '技能', 'training', 'training base', 'course', 'courses'],
}

const key = (word: string) =>
  word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')

const AMENITY_BY_WORD = new Map<string, AmenityCode>()
for (const a of AMENITIES) for (const w of [a.code, a.zh, a.en, ...AMENITY_WORDS[a.code]]) AMENITY_BY_WORD.set(key(w), a.code)
const CATEGORY_BY_WORD = new Map<string, CategoryCode>()
for (const c of CATEGORIES) for (const w of [c.code, c.zh, c.en, ...CATEGORY_WORDS[c.code]]) CATEGORY_BY_WORD.set(key(w), c.code)

export interface Needs {
  amenities: AmenityCode[]
  categories: CategoryCode[]
}

/** The facilities and categories a query names: the whole query, or any of its words, as a need word. */
export function needsIn(query: string): Needs {
  const amenities = new Set<AmenityCode>()
  const categories = new Set<CategoryCode>()
  for (const word of [query, ...query.split(/[\s,，、;；]+/)]) {
    const k = key(word)
    if (!k) continue
    const a = AMENITY_BY_WORD.get(k)
    if (a) amenities.add(a)
    const c = CATEGORY_BY_WORD.get(k)
    if (c) categories.add(c)
  }
  return { amenities: [...amenities], categories: [...categories] }
}
