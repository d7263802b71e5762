import { importMessage } from './messages.js'
import { DAY_KEYS, hhmmToMinutes, type DayKey, type Interval, type OpeningHours } from '../domain/opening-hours.js'

/**
 * Opening hours as people write them in a spreadsheet cell, to and from the OpeningHours shape. Accepted forms
 * are listed in docs/import.md: OSM-style (`Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00`, `24/7`, `Su off`,
 * `2026-10-01 off`, `PH off` for public holidays) and Chinese (`周一至周五 08:00-20:00；周六、周日 09:00-17:00`, `每天 24小时`, `工作日`, `周末 休息`).
 * Later rules override earlier ones for the same days, as in OSM.
 */
const ZH_DAYS: Record<string, DayKey> = {
  一: 'mo',
  二: 'tu',
  三: 'we',
  四: 'th',
  五: 'fr',
  六: 'sa',
  日: 'su',
  天: 'su',
  七: 'su',
}
const EVERY_DAY = [...DAY_KEYS]
const DAY_WORDS: Record<string, DayKey[]> = {
  每天: EVERY_DAY,
  每日: EVERY_DAY,
  天天: EVERY_DAY,
  全周: EVERY_DAY,
  全年: EVERY_DAY,
  daily: EVERY_DAY,
  工作日: ['mo', 'tu', 'we', 'th', 'fr'],
  weekdays: ['mo', 'tu', 'we', 'th', 'fr'],
  周末: ['sa', 'su'],
  weekends: ['sa', 'su'],
}
const CLOSED = /^(off|closed|休息|闭馆|不开放|关闭|停业)$/i
const ALL_DAY = /^(24\s*小时|24\s*h|全天|00:00-24:00)$/i
const TIMES_START = /\d{1,2}:\d{2}|24\s*小时|24\s*h\b|全天|\boff\b|\bclosed\b|休息|闭馆|不开放|关闭|停业/i
const RANGE = /[-~至到–—]/

type HoursCode = 'hours_no_times' | 'hours_unknown_day' | 'hours_bad_interval' | 'hours_bad_time'
interface HoursProblem {
  code: HoursCode
  params: Record<string, string>
}
export type HoursParse = { ok: true; hours: OpeningHours } | ({ ok: false; error: string } & HoursProblem)

const problem = (code: HoursCode, params: Record<string, string>): HoursProblem => ({ code, params })
const failed = (p: HoursProblem): HoursParse => ({ ok: false, error: importMessage(p.code, p.params), ...p })

function dayOf(word: string): DayKey | undefined {
  const zh = /^周(.)$/.exec(word)
  if (zh) return ZH_DAYS[zh[1]!]
  return /^[a-z]{2,9}$/i.test(word) ? DAY_KEYS.find((d) => d === word.toLowerCase().slice(0, 2)) : undefined
}

function parseDays(text: string): DayKey[] | HoursProblem {
  const days: DayKey[] = []
  const normal = text.replace(/星期|礼拜/g, '周').trim()
  if (!normal) return EVERY_DAY
  for (const token of normal.split(/[,、和及\s]+/).filter(Boolean)) {
    const word = DAY_WORDS[token.toLowerCase()]
    if (word) {
      days.push(...word)
      continue
    }
    const [from, to, ...rest] = token.split(RANGE)
    const a = dayOf(from ?? '')
    const b = to === undefined ? a : dayOf(/^(周|[a-z])/i.test(to) ? to : `周${to}`)
    if (!a || !b || rest.length) return problem('hours_unknown_day', { day: token })
    for (let i = DAY_KEYS.indexOf(a); ; i = (i + 1) % 7) {
      days.push(DAY_KEYS[i]!)
      if (DAY_KEYS[i] === b) break
    }
  }
  return days
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

function parseTimes(text: string): Interval[] | HoursProblem {
  const t = text.trim()
  if (CLOSED.test(t)) return []
  if (ALL_DAY.test(t)) return [['00:00', '24:00']]
  const intervals: Interval[] = []
  for (const part of t
    .split(/[,、]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2}):(\d{2})\s*[-~至到–—]\s*(\d{1,2}):(\d{2})$/.exec(part)
    if (!m) return problem('hours_bad_interval', { text: part })
    const [oh, om, ch, cm] = m.slice(1).map(Number) as [number, number, number, number]
    const opens = oh * 60 + om
    let closes = ch * 60 + cm
    if (oh > 23 || om > 59 || cm > 59 || closes > 1440) return problem('hours_bad_time', { text: part })
    // Past midnight: 22:00-02:00 closes at 26:00 (the OpeningHours convention).
    if (closes <= opens) closes += 1440
    intervals.push([hhmm(opens), hhmm(closes)])
  }
  return intervals
}

export function parseHoursText(input: string): HoursParse {
  const text = input.normalize('NFKC').trim()
  if (/^24\/7$/.test(text) || /^(每天|每日|全年)?\s*24\s*小时(营业|开放)?$/.test(text)) return parseHoursText('Mo-Su 00:00-24:00')
  const hours: OpeningHours = { weekly: {} }
  for (const rule of text
    .split(/[;\n]+/)
    .map((r) => r.trim())
    .filter(Boolean)) {
    const holiday = /^(PH|法定节假日|节假日|节日)\s*(.*)$/i.exec(rule)
    if (holiday) {
      // OSM's `PH`: what the place does on a public holiday (`PH off`, `PH 09:00-12:00`).
      const times = parseTimes(holiday[2]!)
      if (!Array.isArray(times)) return failed(times)
      hours.holidays = times.length ? times : 'closed'
      continue
    }
    const dated = /^(\d{4}-\d{2}-\d{2})\s*(.*)$/.exec(rule)
    const at = dated ? -1 : rule.search(TIMES_START)
    if (!dated && at < 0) return failed(problem('hours_no_times', { rule }))
    const times = parseTimes(dated ? dated[2]! : rule.slice(at))
    if (!Array.isArray(times)) return failed(times)
    if (dated) {
      hours.exceptions = [...(hours.exceptions ?? []).filter((e) => e.date !== dated[1]), { date: dated[1]!, intervals: times }]
      continue
    }
    const days = parseDays(rule.slice(0, at))
    if (!Array.isArray(days)) return failed(days)
    for (const d of days) {
      if (times.length) hours.weekly[d] = times
      else delete hours.weekly[d]
    }
  }
  return { ok: true, hours }
}

const LABEL: Record<DayKey, string> = { mo: 'Mo', tu: 'Tu', we: 'We', th: 'Th', fr: 'Fr', sa: 'Sa', su: 'Su' }
const intervalsText = (list: Interval[]) => list.map(([a, b]) => `${a}-${b}`).join(',')

/**
 * Days with the same hours grouped into runs: `Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00`. Past-midnight closings are
 * written as the clock shows them (`22:00-02:00`), which reads back the same. Exception notes are not written.
 */
export function formatHoursText(hours: OpeningHours): string {
  const groups = new Map<string, DayKey[]>()
  for (const d of DAY_KEYS) {
    const list = hours.weekly[d]
    if (list?.length)
      groups.set(intervalsText(list.map(clockInterval)), [...(groups.get(intervalsText(list.map(clockInterval))) ?? []), d])
  }
  const rules = [...groups].map(([times, days]) => {
    const runs: DayKey[][] = []
    for (const d of days) {
      const run = runs[runs.length - 1]
      if (run && DAY_KEYS.indexOf(run[run.length - 1]!) === DAY_KEYS.indexOf(d) - 1) run.push(d)
      else runs.push([d])
    }
    const daysText = runs
      .map((r) => (r.length > 2 ? `${LABEL[r[0]!]}-${LABEL[r[r.length - 1]!]}` : r.map((d) => LABEL[d]).join(',')))
      .join(',')
    return `${daysText} ${times}`
  })
  const ph = hours.holidays ?? 'as_usual'
  if (ph !== 'as_usual') rules.push(`PH ${ph === 'closed' ? 'off' : intervalsText(ph.map(clockInterval))}`)
  for (const e of hours.exceptions ?? [])
    rules.push(`${e.date} ${e.intervals.length ? intervalsText(e.intervals.map(clockInterval)) : 'off'}`)
  if (rules.length === 1 && rules[0] === 'Mo-Su 00:00-24:00') return '24/7'
  return rules.length ? rules.join('; ') : 'off'
}

/** `["22:00","26:00"]` → `["22:00","02:00"]`; a closing of exactly 24:00 stays 24:00. */
function clockInterval([opens, closes]: Interval): Interval {
  const m = hhmmToMinutes(closes)
  return [opens, m > 1440 ? hhmm(m - 1440) : closes]
}
