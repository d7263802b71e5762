/** Staff calls for the live-truth screens: confirmation timeline and flags, the holiday calendar, outages. */
import type { ConfirmationTimeline } from '../../../api/schemas/confirmations.js'
import type { CalendarYear as CalendarYearSchema, CalendarYears, HolidayImportReport } from '../../../api/schemas/holidays.js'
import type { ReportList } from '../../../api/schemas/staff-responses.js'
import { call, type Answer } from '../staff-api.js'

export type TimelineEntry = Answer<typeof ConfirmationTimeline>['entries'][number]
export type FlaggedPlace = Answer<typeof ReportList>['flagged_places'][number]
export type CalendarYear = Answer<typeof CalendarYearSchema>
export type CalendarDay = CalendarYear['days'][number]
export type ImportReport = Answer<typeof HolidayImportReport>

export const truthApi = {
  timeline: (id: string) =>
    call<Answer<typeof ConfirmationTimeline>>('GET', `/api/v1/places/${encodeURIComponent(id)}/confirmations`).then(
      (r) => r.data,
    ),
  flagged: () => call<Answer<typeof ReportList>>('GET', '/api/v1/reports?status=open').then((r) => r.data.flagged_places),
  confirmOutage: (reportId: string, note: string, until: string) =>
    call('PATCH', `/api/v1/reports/${reportId}`, { status: 'resolved', note, out_of_order: until ? { until } : {} }),
  years: () => call<Answer<typeof CalendarYears>>('GET', '/api/v1/holidays/years').then((r) => r.data.years),
  year: (year: number) => call<CalendarYear>('GET', `/api/v1/holidays?year=${year}`).then((r) => r.data),
  /** The file goes as it is (CSV text or JSON), not re-encoded as a JSON string. */
  importFile: (text: string, format: 'csv' | 'json', dryRun: boolean) =>
    call<ImportReport>('POST', `/api/v1/holidays/import?dry_run=${dryRun}&format=${format}`, undefined, {
      raw: { body: text, type: format === 'csv' ? 'text/csv' : 'application/json' },
    }).then((r) => r.data),
}
