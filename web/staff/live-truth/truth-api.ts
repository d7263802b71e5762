/** Staff calls for the live-truth screens: confirmation timeline and flags, the holiday calendar, outages. */
import { call, StaffFailure, type Problem } from '../staff-api.js'

export interface TimelineEntry {
  id: string
  kind: 'open' | 'closed' | 'amenity_broken'
  amenity: string | null
  created_at: string
  weight: number
}
export interface FlaggedPlace {
  place_id: string
  place_name_zh: string
  place_name_en: string | null
  open: number
  closed: number
  amenity_broken: number
  last_at: string
  likely_closed: boolean
  flag: 'conflicting' | 'closed' | 'amenity_broken'
}
export interface CalendarDay {
  date: string
  kind: 'holiday' | 'makeup_workday'
  name_zh: string
  name_en: string
  source?: string
}
export interface CalendarYear {
  year: number
  days: CalendarDay[]
  history?: Array<{ id: string; username: string; at: string; before: number; after: number }>
}
export interface ImportReport {
  dry_run: boolean
  years: Array<{ year: number; holidays: number; makeup_workdays: number }>
  changed: number[]
}

export const truthApi = {
  timeline: (id: string) =>
    call<{ entries: TimelineEntry[]; likely_closed: boolean; last_verified_at: string | null }>(
      'GET',
      `/api/v1/places/${encodeURIComponent(id)}/confirmations`,
    ).then((r) => r.data),
  flagged: () =>
    call<{ flagged_places: FlaggedPlace[] }>('GET', '/api/v1/reports?status=open').then((r) => r.data.flagged_places),
  confirmOutage: (reportId: string, note: string, until: string) =>
    call('PATCH', `/api/v1/reports/${reportId}`, { status: 'resolved', note, out_of_order: until ? { until } : {} }),
  years: () =>
    call<{ years: Array<{ year: number; holidays: number; makeup_workdays: number }> }>('GET', '/api/v1/holidays/years').then(
      (r) => r.data.years,
    ),
  year: (year: number) => call<CalendarYear>('GET', `/api/v1/holidays?year=${year}`).then((r) => r.data),
  /** The file goes as it is (CSV text or JSON), not re-encoded as a JSON string. */
  importFile: async (text: string, format: 'csv' | 'json', dryRun: boolean): Promise<ImportReport> => {
    let res: Response
    try {
      res = await fetch(`/api/v1/holidays/import?dry_run=${dryRun}&format=${format}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': format === 'csv' ? 'text/csv' : 'application/json' },
        body: text,
      })
    } catch {
      throw new StaffFailure({ status: 0, detail: 'network' })
    }
    const body = (await res.json().catch(() => ({}))) as ImportReport & Partial<Problem>
    if (!res.ok) throw new StaffFailure({ ...body, status: res.status, detail: body.detail ?? res.statusText })
    return body
  },
}
