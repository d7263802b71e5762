/** Small formatters shared by the list and the details: distance, the open/closed line, local dates. */
import type { PlaceSummary } from '../api.js'
import type { I18n, MessageKey } from '../i18n/index.js'

const DAY_NAMES: MessageKey[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
const SHANGHAI_OFFSET_MS = 8 * 3600_000

export function formatDistance(metres: number, i18n: I18n): string {
  if (metres < 1000) return i18n.t('metres', { n: Math.max(10, Math.round(metres / 10) * 10) })
  return i18n.t('kilometres', { n: (Math.round(metres / 100) / 10).toFixed(metres < 10_000 ? 1 : 0) })
}

/** The local (Asia/Shanghai) calendar date of an instant, `YYYY-MM-DD`. */
export const shanghaiDate = (instant: Date) => new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)

/** ISO weekday 1–7 of a `YYYY-MM-DD` date. */
export const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1
export const dayName = (isoDay: number, i18n: I18n) => i18n.t(DAY_NAMES[isoDay - 1] ?? 'monday')

/** `2026-11-25T20:00:00+08:00` → date and `20:00` (the API always writes +08:00 local times). */
const splitLocalIso = (iso: string) => ({ date: iso.slice(0, 10), time: iso.slice(11, 16) })

/** An instant as Shanghai wall-clock `HH:MM`, whatever the phone's time zone. */
export const localTime = (iso: string) => new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16)

export type StatusTone = 'open' | 'closed' | 'unknown'

/** "Open until 20:00" / "Closed, opens 08:00" / "Closed, opens Mon 08:00", with a tone for colour. */
export function statusLine(place: PlaceSummary, i18n: I18n, now: Date): { text: string; tone: StatusTone } {
  if (place.status === 'temporarily_closed') return { text: i18n.t('temporarilyClosed'), tone: 'closed' }
  if (place.status === 'closed') return { text: i18n.t('permanentlyClosed'), tone: 'closed' }
  if (place.open_now === true) {
    if (!place.closes_at) return { text: i18n.t('openAllDay'), tone: 'open' }
    return { text: i18n.t('openUntil', { time: splitLocalIso(place.closes_at).time }), tone: 'open' }
  }
  if (place.open_now === false) {
    if (!place.opens_at) return { text: i18n.t('closed'), tone: 'closed' }
    const { date, time } = splitLocalIso(place.opens_at)
    const today = shanghaiDate(now)
    if (date === today) return { text: i18n.t('closedOpens', { time }), tone: 'closed' }
    const tomorrow = shanghaiDate(new Date(now.getTime() + 86_400_000))
    const day = date === tomorrow ? i18n.t('tomorrow') : dayName(isoWeekday(date), i18n)
    return { text: i18n.t('closedOpensDay', { day, time }), tone: 'closed' }
  }
  return { text: i18n.t('hoursUnknown'), tone: 'unknown' }
}

/** A local date for people: 2026年11月25日 / 25 Nov 2026. */
export function formatDate(iso: string, i18n: I18n): string {
  const date = shanghaiDate(new Date(iso))
  const [y, m, d] = date.split('-').map(Number)
  if (i18n.lang === 'zh-CN') return `${y}年${m}月${d}日`
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(m ?? 1) - 1]
  return `${d} ${month} ${y}`
}
