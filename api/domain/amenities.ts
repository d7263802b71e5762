/**
 * The controlled amenity vocabulary. The first seven are the facilities the Jiangbei district names for every
 * caring station (爱心驿站); the rest are what workers most often ask for. Order is display order.
 */
export const AMENITIES = [
  { code: 'rest_seating', zh: '休息座椅', en: 'Rest seating' },
  { code: 'drinking_water', zh: '饮用水', en: 'Drinking water' },
  { code: 'first_aid_kit', zh: '急救药箱', en: 'First-aid kit' },
  { code: 'wifi', zh: '无线网络', en: 'Wi-Fi' },
  { code: 'phone_charging', zh: '手机充电', en: 'Phone charging' },
  { code: 'smartphone_help', zh: '智能手机帮办', en: 'Smartphone help' },
  { code: 'meal_heating', zh: '热饭', en: 'Meal heating' },
  { code: 'toilet', zh: '厕所', en: 'Toilet' },
  { code: 'air_conditioning', zh: '空调/取暖', en: 'Air conditioning / heating' },
  { code: 'ebike_charging', zh: '电动车充电', en: 'E-bike charging' },
  { code: 'umbrella_lending', zh: '爱心雨伞', en: 'Umbrella lending' },
  { code: 'accessible_entrance', zh: '无障碍通道', en: 'Accessible entrance' },
] as const

export type AmenityCode = (typeof AMENITIES)[number]['code']
/** The codes as a non-empty tuple (what z.enum takes). */
export const AMENITY_CODES: readonly [AmenityCode, ...AmenityCode[]] = [
  AMENITIES[0].code,
  ...AMENITIES.slice(1).map((a) => a.code),
]
