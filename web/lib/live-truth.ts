/**
 * Words for what is true on the ground now (issue 13): the public's confirmations, likely closed, amenities out of
 * order, staffed or self-service and how to get in. Kept beside the components that use them (not in the shared
 * message files), zh-CN and en; pure functions, so tests/web checks them without a browser.
 */
import type { Access, AmenityOutage, ConfirmationSummary, Label, PlaceSummary } from '../api.js'
import type { Lang } from '../i18n/index.js'

export const TRUTH_TEXT = {
  'zh-CN': {
    likelyClosed: '可能已关闭',
    likelyClosedHint: '最近有人反映这里关着',
    confirmedOpen: '{n} 人确认开放 · {ago}',
    confirmedClosed: '{n} 人反映关闭 · {ago}',
    brokenReports: '{n} 人反映{amenity}不能用',
    justNow: '刚刚',
    minutesAgo: '{n} 分钟前',
    hoursAgo: '{n} 小时前',
    paused: '{amenity}暂停',
    pausedUntil: '{amenity}暂停 至 {date}',
    staffed: '有人值守',
    selfService: '无人值守',
    walk_in: '直接进入',
    ask_staff: '请找工作人员',
    scan_code: '扫码进入',
    key_from_counter: '向柜台借钥匙',
    confirmTitle: '现在情况怎么样？',
    confirmOpen: '现在开着 ✓',
    confirmClosed: '关着 ✗',
    confirmBroken: '某设施不能用',
    whichAmenity: '哪项设施不能用？',
    send: '提交',
    cancel: '取消',
    thanks: '谢谢！已记录，其他人马上能看到。',
    failed: '提交失败：{detail}',
    tooMany: '您刚刚已经反馈过了，稍后再试。',
    confirmPrivacy: '不需要登录，不记录您的位置或身份。',
    week: '未来 7 天',
    staffedHours: '值守 {hours}',
    holidayHours: '{name}放假',
    makeupDay: '{name}调休上班',
    exception: '特别安排',
    accessHeading: '进入方式',
    holidayRuleLine: '法定节假日：{hours}（调休上班日按周一时间）',
  },
  en: {
    likelyClosed: 'May be closed',
    likelyClosedHint: 'People reported it closed recently',
    confirmedOpen: '{n} confirmed open · {ago}',
    confirmedClosed: '{n} reported closed · {ago}',
    brokenReports: '{n} reported {amenity} not working',
    justNow: 'just now',
    minutesAgo: '{n} min ago',
    hoursAgo: '{n} h ago',
    paused: '{amenity} out of order',
    pausedUntil: '{amenity} out of order until {date}',
    staffed: 'Staffed now',
    selfService: 'Self-service now',
    walk_in: 'walk in',
    ask_staff: 'ask staff',
    scan_code: 'scan the code to enter',
    key_from_counter: 'key from the counter',
    confirmTitle: 'How is it right now?',
    confirmOpen: 'Open now ✓',
    confirmClosed: 'Closed ✗',
    confirmBroken: 'Something is broken',
    whichAmenity: 'Which facility is not working?',
    send: 'Send',
    cancel: 'Cancel',
    thanks: 'Thank you! Others see it right away.',
    failed: 'Could not send: {detail}',
    tooMany: 'You just sent one; try again a little later.',
    confirmPrivacy: 'No sign-in; your location and identity are not recorded.',
    week: 'Next 7 days',
    staffedHours: 'staffed {hours}',
    holidayHours: '{name} holiday',
    makeupDay: '{name}: make-up workday',
    exception: 'Special hours',
    accessHeading: 'Getting in',
    holidayRuleLine: 'Public holidays: {hours} (make-up workdays: Monday hours)',
  },
} as const
export type TruthKey = keyof (typeof TRUTH_TEXT)['zh-CN']

export function truthText(lang: Lang, key: TruthKey, vars: Record<string, string | number> = {}): string {
  return TRUTH_TEXT[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/** "12 分钟前" / "12 min ago" from an instant, on the page's clock. */
export function ago(iso: string, now: Date, lang: Lang): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000))
  if (minutes < 1) return truthText(lang, 'justNow')
  if (minutes < 60) return truthText(lang, 'minutesAgo', { n: minutes })
  return truthText(lang, 'hoursAgo', { n: Math.floor(minutes / 60) })
}

/** "3 人确认开放 · 12 分钟前": the stronger side first; nothing when no one said anything. */
export function confirmationLines(summary: ConfirmationSummary | null | undefined, now: Date, lang: Lang): string[] {
  if (!summary) return []
  const lines: string[] = []
  const { open, closed } = summary
  const openLine =
    open.count && open.last_at ? truthText(lang, 'confirmedOpen', { n: open.count, ago: ago(open.last_at, now, lang) }) : null
  const closedLine =
    closed.count && closed.last_at
      ? truthText(lang, 'confirmedClosed', { n: closed.count, ago: ago(closed.last_at, now, lang) })
      : null
  const newerClosed = (closed.last_at ?? '') > (open.last_at ?? '')
  for (const line of newerClosed ? [closedLine, openLine] : [openLine, closedLine]) if (line) lines.push(line)
  return lines
}

/** `2026-12-01` → `12/1` (zh) or `1 Dec` (en). */
export function shortDate(date: string, lang: Lang): string {
  const [, m, d] = date.split('-').map(Number)
  if (lang === 'zh-CN') return `${m}/${d}`
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(m ?? 1) - 1]}`
}

/** "热饭暂停 至 12/1" for each amenity out of order. */
export function outageLines(status: Partial<Record<string, AmenityOutage>> | undefined, labels: Label[], lang: Lang): string[] {
  return Object.entries(status ?? {}).flatMap(([code, outage]) => {
    if (!outage) return []
    const label = labels.find((l) => l.code === code)
    const amenity = label ? (lang === 'en' ? label.label_en : label.label_zh) : code
    return outage.until
      ? truthText(lang, 'pausedUntil', { amenity, date: shortDate(outage.until, lang) })
      : truthText(lang, 'paused', { amenity })
  })
}

/** "无人值守 · 扫码进入" / "有人值守": only while the place is open and says when it is staffed. */
export function staffingLine(place: Pick<PlaceSummary, 'staffing_now' | 'access'>, lang: Lang): string | null {
  if (!place.staffing_now) return null
  const who = truthText(lang, place.staffing_now === 'staffed' ? 'staffed' : 'selfService')
  const access = accessWords(place.access, lang)
  return access && place.staffing_now === 'self_service' ? `${who} · ${access}` : who
}

export function accessWords(access: Access | null | undefined, lang: Lang): string | null {
  return access ? truthText(lang, access.method) : null
}
