/**
 * Field names and values as staff read them, in Chinese or English: labels instead of column names, amenity and
 * category names instead of codes, hours as text, status words, positions and dates — never raw codes or JSON.
 * Used by the history, the conflict view and the import report.
 */
import type { DayKey, Interval, OpeningHours } from '../api.js'
import type { I18n, Lang } from '../i18n/index.js'
import { formatInterval } from '../lib/hours.js'
import type { Catalogue } from '../state/use-catalogue.js'

type Words = { zh: string; en: string }
const w = (zh: string, en: string): Words => ({ zh, en })
const say = (words: Words, lang: Lang) => (lang === 'en' ? words.en : words.zh)

const FIELDS: Record<string, Words> = {
  amenities: w('设施', 'Facilities'),
  opening_hours: w('开放时间', 'Opening hours'),
  staffed_hours: w('值守时间', 'Staffed hours'),
  access: w('进入方式', 'How to get in'),
  access_method: w('进入方式', 'How to get in'),
  access_note_zh: w('进入说明（中文）', 'Access note (Chinese)'),
  access_note_en: w('进入说明（英文）', 'Access note (English)'),
  amenity_status: w('设施状态', 'Facility status'),
  status: w('状态', 'Status'),
  status_reason: w('状态说明', 'Status reason'),
  status_until: w('预计恢复日期', 'Reopens on'),
  phone: w('电话', 'Phone'),
  description_zh: w('简介（中文）', 'Description (Chinese)'),
  description_en: w('简介（英文）', 'Description (English)'),
  details: w('详情', 'Details'),
  name_zh: w('名称（中文）', 'Name (Chinese)'),
  name_en: w('名称（英文）', 'Name (English)'),
  address_zh: w('地址（中文）', 'Address (Chinese)'),
  address_en: w('地址（英文）', 'Address (English)'),
  area_code: w('街道', 'Subdistrict'),
  organisation_id: w('所属单位', 'Organisation'),
  location: w('位置', 'Position'),
  category: w('类别', 'Category'),
  external_id: w('外部编号', 'External id'),
  id: w('编号', 'Id'),
  source: w('数据来源', 'Source'),
  last_verified_at: w('核实时间', 'Verified at'),
  deleted_at: w('删除时间', 'Deleted at'),
  lng: w('经度', 'Longitude'),
  lat: w('纬度', 'Latitude'),
  row: w('整行', 'Whole row'),
  handling_note: w('处理说明', 'Handling note'),
  username: w('用户名', 'Username'),
  role: w('角色', 'Role'),
  organisations: w('所属单位', 'Organisations'),
  disabled: w('停用', 'Disabled'),
  password_reset: w('重设密码', 'Password reset'),
}

const ACCESS_WORDS: Record<string, Words> = {
  walk_in: w('直接进入', 'Walk in'),
  ask_staff: w('找工作人员', 'Ask staff'),
  scan_code: w('扫码进入', 'Scan a code'),
  key_from_counter: w('向柜台借钥匙', 'Key from the counter'),
}

const DETAIL_KEYS: Record<string, Words> = {
  host_kind: w('承办方', 'Host'),
  capacity: w('容纳人数', 'Capacity'),
  clinic_type: w('机构类型', 'Type'),
  services: w('服务', 'Services'),
  occupational_health: w('职业健康检查', 'Occupational health'),
  exam_types: w('检查类型', 'Exam types'),
  hazards: w('危害因素', 'Hazards'),
  appointment_required: w('需预约', 'Appointment required'),
  units: w('房源套数', 'Units'),
  rent_from_cny: w('租金起（元）', 'Rent from (CNY)'),
  eligibility_zh: w('申请条件（中文）', 'Eligibility (Chinese)'),
  eligibility_en: w('申请条件（英文）', 'Eligibility (English)'),
  application_contact: w('申请联系方式', 'How to apply'),
  programmes: w('培训项目', 'Programmes'),
  certifications: w('证书', 'Certifications'),
}

const VALUE_WORDS: Record<string, Words> = {
  open: w('正常开放', 'Open as usual'),
  temporarily_closed: w('暂停服务', 'Temporarily closed'),
  closed: w('已关闭', 'Closed for good'),
  resolved: w('已解决', 'Resolved'),
  dismissed: w('已驳回', 'Dismissed'),
  admin: w('管理员', 'administrator'),
  editor: w('编辑', 'editor'),
  mobile: w('中国移动', 'China Mobile'),
  telecom: w('中国电信', 'China Telecom'),
  shop: w('沿街商铺', 'Shop'),
  community: w('社区', 'Community'),
  sanitation: w('环卫', 'Sanitation'),
  bank: w('银行', 'Bank'),
  other: w('其他', 'Other'),
  community_health_centre: w('社区卫生服务中心', 'Community health centre'),
  occupational_health: w('职业健康检查机构', 'Occupational health'),
  hospital: w('医院', 'Hospital'),
}

/** The label of a field (`details.capacity` → 详情 · 容纳人数); an unknown one is shown as it is named. */
export function fieldLabel(field: string, lang: Lang): string {
  const [head = field, ...rest] = field.split('.')
  const main = FIELDS[head] ? say(FIELDS[head], lang) : head
  if (!rest.length) return main
  return [main, ...rest.map((k) => (DETAIL_KEYS[k] ? say(DETAIL_KEYS[k], lang) : k))].join(' · ')
}

const DAYS: DayKey[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']
const DAY_MESSAGES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const

/**
 * Opening hours as one line of text: days with the same hours grouped into runs (周一至周五 08:00–20:00；周六、周日
 * 休息), then the dated exceptions with their notes.
 */
export function hoursText(hours: OpeningHours, i18n: I18n): string {
  const zh = i18n.lang !== 'en'
  const day = (d: DayKey) => i18n.t(DAY_MESSAGES[DAYS.indexOf(d)]!)
  const times = (list: Interval[] | undefined) =>
    list?.length ? list.map(formatInterval).join(zh ? '，' : ', ') : i18n.t('closedAllDay')
  const runs: Array<{ days: DayKey[]; text: string }> = []
  for (const d of DAYS) {
    const text = times(hours.weekly[d])
    const last = runs[runs.length - 1]
    if (last && last.text === text) last.days.push(d)
    else runs.push({ days: [d], text })
  }
  const daysText = (days: DayKey[]) =>
    days.length === 7
      ? zh
        ? '每天'
        : 'Daily'
      : days.length > 2
        ? `${day(days[0]!)}${zh ? '至' : '–'}${day(days[days.length - 1]!)}`
        : days.map(day).join(zh ? '、' : ', ')
  const parts = runs.map((r) => `${daysText(r.days)} ${r.text}`)
  const holidays = hours.holidays ?? 'as_usual'
  if (holidays !== 'as_usual')
    parts.push(`${zh ? '法定节假日' : 'Public holidays'} ${holidays === 'closed' ? i18n.t('closedAllDay') : times(holidays)}`)
  for (const e of hours.exceptions ?? []) {
    const note = i18n.pick(e.note_zh, e.note_en)
    parts.push(`${e.date} ${times(e.intervals)}${note ? (zh ? `（${note}）` : ` (${note})`) : ''}`)
  }
  return parts.join(zh ? '；' : '; ')
}

export interface ReadableContext {
  i18n: I18n
  catalogue: Catalogue | null
  organisations?: Array<{ id: string; name_zh: string; name_en: string | null }>
}

const isDateTime = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)

/** A value of a field as text a person reads. */
export function readableValue(field: string, value: unknown, ctx: ReadableContext): string {
  const { i18n, catalogue } = ctx
  const zh = i18n.lang !== 'en'
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return '—'
  const label = (list: Catalogue['amenities'] | undefined, code: string) => {
    const found = list?.find((x) => x.code === code)
    return found ? i18n.pick(found.label_zh, found.label_en) : code
  }
  if (field === 'amenities' && Array.isArray(value))
    return value.map((code) => label(catalogue?.amenities, String(code))).join(zh ? '、' : ', ')
  if (field === 'category' && typeof value === 'string') return label(catalogue?.categories, value)
  if ((field === 'opening_hours' || field === 'staffed_hours') && typeof value === 'object')
    return hoursText(value as OpeningHours, i18n)
  if (field === 'access' && typeof value === 'object') {
    const access = value as { method: string; note_zh?: string; note_en?: string }
    const note = i18n.pick(access.note_zh, access.note_en)
    return `${ACCESS_WORDS[access.method] ? say(ACCESS_WORDS[access.method]!, i18n.lang) : access.method}${note ? ` — ${note}` : ''}`
  }
  if (field === 'amenity_status' && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, { until?: string; reason_zh?: string; reason_en?: string }>)
    if (!entries.length) return '—'
    return entries
      .map(([code, o]) => {
        const reason = i18n.pick(o.reason_zh, o.reason_en)
        const until = o.until ? (zh ? `至 ${o.until}` : ` until ${o.until}`) : ''
        return `${label(catalogue?.amenities, code)}${zh ? '：暂停使用' : ': out of order'}${until}${reason ? (zh ? `（${reason}）` : ` (${reason})`) : ''}`
      })
      .join(zh ? '；' : '; ')
  }
  if (field === 'location' && Array.isArray(value) && value.length === 2) {
    const [lng, lat] = value as [number, number]
    return zh ? `经度 ${lng}，纬度 ${lat}` : `${lat}° N, ${lng}° E`
  }
  if (field === 'organisation_id' && typeof value === 'string') {
    const org = ctx.organisations?.find((o) => o.id === value)
    return org ? i18n.pick(org.name_zh, org.name_en) : value
  }
  if (typeof value === 'boolean') return value ? (zh ? '是' : 'yes') : zh ? '否' : 'no'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    if (isDateTime(value))
      return new Date(value).toLocaleString(i18n.lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' })
    const word = VALUE_WORDS[value]
    return word && (field === 'status' || field === 'role' || field.startsWith('details')) ? say(word, i18n.lang) : value
  }
  if (Array.isArray(value)) return value.map((v) => readableValue(field, v, ctx)).join(zh ? '、' : ', ')
  const named = value as { name_zh?: unknown; name_en?: unknown }
  if (typeof named.name_zh === 'string') return i18n.pick(named.name_zh, typeof named.name_en === 'string' ? named.name_en : null)
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(
        ([k, v]) =>
          `${DETAIL_KEYS[k] ? say(DETAIL_KEYS[k], i18n.lang) : k}${zh ? '：' : ': '}${readableValue(`${field}.${k}`, v, ctx)}`,
      )
      .join(zh ? '；' : '; ')
  // What JSON can still hold here: a number.
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : '—'
}
