/** The four kinds of service. Order is display order. */
export const CATEGORIES = [
  { code: 'caring_station', zh: '爱心驿站', en: 'Caring station' },
  { code: 'clinic', zh: '医疗机构', en: 'Clinic' },
  { code: 'talent_apartment', zh: '人才公寓', en: 'Talent apartment' },
  { code: 'training_base', zh: '培训基地', en: 'Training base' },
] as const

export type CategoryCode = (typeof CATEGORIES)[number]['code']
/** The codes as a non-empty tuple (what z.enum takes). */
export const CATEGORY_CODES: readonly [CategoryCode, ...CategoryCode[]] = [
  CATEGORIES[0].code,
  ...CATEGORIES.slice(1).map((c) => c.code),
]
