import { notice, type ImportNotice } from './messages.js'

/**
 * The columns of the import and export files. The export writes the first name of each; the import also
 * accepts the aliases (Chinese or English, any case; spaces, `-` and `_` ignored). Documented in docs/import.md.
 */
export const COLUMNS = {
  id: ['编号', '站点编号'],
  external_id: ['外部编号', '外部id', 'external id', 'ext_id', '原编号'],
  category: ['类别', '类型', '分类', 'type'],
  name_zh: ['名称', '站点名称', '中文名称', 'name', '名字'],
  name_en: ['英文名称', '英文名', 'name (en)'],
  lng: ['经度', 'longitude', 'lon', 'long', 'x'],
  lat: ['纬度', 'latitude', 'y'],
  address_zh: ['地址', '详细地址', '中文地址', 'address'],
  address_en: ['英文地址'],
  area_code: ['街道', '所属街道', '街道/镇', '镇街', 'area', 'subdistrict'],
  phone: ['电话', '联系电话', '电话号码', 'tel', 'telephone'],
  amenities: ['设施', '服务设施', '服务内容', '配套设施', 'facilities'],
  opening_hours: ['开放时间', '营业时间', '服务时间', 'hours', 'opening hours'],
  staffed_hours: ['值守时间', '有人值守时间', '人工服务时间', 'staffed hours'],
  access_method: ['进入方式', '进门方式', 'access'],
  access_note_zh: ['进入说明', '进门说明'],
  access_note_en: ['英文进入说明', 'access note'],
  amenity_status: ['设施状态'],
  status: ['状态'],
  status_reason: ['状态说明', '状态原因'],
  status_until: ['状态截止', '状态截至'],
  organisation_id: ['所属单位', '主办单位', '单位', 'organisation', 'organization', 'organization_id'],
  description_zh: ['简介', '说明', '描述', 'description'],
  description_en: ['英文简介', '英文说明'],
  details: ['详情', '其他信息'],
  source: ['来源', '数据来源'],
} as const

export type Column = keyof typeof COLUMNS
export const COLUMN_NAMES = Object.keys(COLUMNS) as Column[]

const key = (name: string) =>
  name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
const BY_NAME = new Map<string, Column>()
for (const column of COLUMN_NAMES) for (const name of [column, ...COLUMNS[column]]) BY_NAME.set(key(name), column)

export const columnOf = (header: string): Column | undefined => BY_NAME.get(key(header))

/** Header cells → columns; unknown and repeated headers are reported (as warnings), not guessed. */
export function mapHeader(header: string[]): { columns: Array<Column | undefined>; problems: ImportNotice[] } {
  const problems: ImportNotice[] = []
  const seen = new Set<Column>()
  const columns = header.map((h) => {
    if (!h.trim()) return undefined
    const column = columnOf(h)
    if (!column) problems.push(notice('unknown_column', { column: h }))
    else if (seen.has(column)) problems.push(notice('repeated_column', { column: h, field: column }))
    else {
      seen.add(column)
      return column
    }
    return undefined
  })
  return { columns, problems }
}

/** One input row, whatever the format: column → raw text, and where it came from. */
export interface RawRow {
  line: number
  values: Partial<Record<Column, string>>
  /** Set when the row cannot be read as the header says (a different number of fields). */
  problem?: { code: 'field_count'; params: { expected: number; found: number } }
}
