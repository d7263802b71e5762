import { AMENITIES, type AmenityCode } from './amenities.js'

/**
 * Words people write for each amenity in spreadsheets, besides the code and the zh/en labels of
 * amenities.ts (which always count). Matching ignores case, spaces, `-` and `_`.
 */
const EXTRA_ALIASES: Record<AmenityCode, string[]> = {
  rest_seating: ['休息', '歇脚', '座椅', '休息区', 'rest', 'seating', 'seats'],
  drinking_water: ['饮水', '热水', '开水', '直饮水', 'water'],
  first_aid_kit: ['急救', '药箱', '医药箱', '急救包', 'first aid', 'firstaid'],
  wifi: ['无线', '无线上网', 'wlan', 'wi fi'],
  phone_charging: ['充电', '手机充电', '充电宝', 'charging'],
  smartphone_help: ['手机帮办', '帮办', '智能手机', 'phone help'],
  meal_heating: ['热饭', '加热', '微波炉', '热饭菜', 'microwave', 'meal heating'],
  toilet: ['卫生间', '洗手间', '公厕', 'wc', 'restroom', 'toilets'],
  air_conditioning: ['空调', '取暖', '冷暖', 'ac', 'heating', 'air con'],
  ebike_charging: ['电瓶车充电', '电动自行车充电', 'ebike', 'e-bike charging'],
  umbrella_lending: ['雨伞', '借伞', '爱心伞', 'umbrella', 'umbrellas'],
  accessible_entrance: ['无障碍', '无障碍设施', 'accessible', 'wheelchair access', 'step-free'],
}

const key = (word: string) =>
  word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')

const BY_ALIAS = new Map<string, AmenityCode>()
for (const a of AMENITIES) for (const word of [a.code, a.zh, a.en, ...EXTRA_ALIASES[a.code]]) BY_ALIAS.set(key(word), a.code)

/** `饮水;充电；热饭、WiFi` → codes (in order, no repeats) and the words that matched nothing. */
export function parseAmenityList(text: string): { codes: AmenityCode[]; unknown: string[] } {
  const codes: AmenityCode[] = []
  const unknown: string[] = []
  for (const word of text
    .split(/[;；,，、|\n]+/)
    .map((w) => w.trim())
    .filter(Boolean)) {
    const code = BY_ALIAS.get(key(word))
    if (!code) unknown.push(word)
    else if (!codes.includes(code)) codes.push(code)
  }
  return { codes, unknown }
}
