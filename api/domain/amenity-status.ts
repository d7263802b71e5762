import type { AmenityCode } from './amenities.js'

/** A facility of a place that is not working, e.g. the microwave of a caring station. */
export interface AmenityOutage {
  status: 'out_of_order'
  /** Last day (inclusive, `YYYY-MM-DD`) it is expected out of order; absent = until staff say otherwise. */
  until?: string | undefined
  reason_zh?: string | undefined
  reason_en?: string | undefined
}
export type AmenityStatus = Partial<Record<AmenityCode, AmenityOutage>>

/** The entries in effect on a local date: the rule `amenities_out_of_order` implements in SQL. */
export function amenityStatusOn(status: AmenityStatus | null | undefined, date: string): AmenityStatus {
  const current: AmenityStatus = {}
  for (const [code, entry] of Object.entries(status ?? {}) as Array<[AmenityCode, AmenityOutage]>)
    if (entry.status === 'out_of_order' && (entry.until === undefined || entry.until >= date)) current[code] = entry
  return current
}
