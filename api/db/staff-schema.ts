import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** Tables of staff sign-in, audit and problem reports (migrations 0010–0012). */
export interface StaffAccountTable {
  id: Generated<string>
  username: string
  role: 'admin' | 'editor'
  password_hash: string
  created_at: Generated<Date>
  disabled_at: Timestamp | null
}

export interface StaffAccountOrganisationTable {
  account_id: string
  organisation_id: string
}

export interface StaffSessionTable {
  token_hash: string
  account_id: string
  created_at: Timestamp
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

export interface RateLimitTable {
  bucket: string
  key: string
  window_start: Timestamp
  hits: number
}

export interface AppSecretTable {
  name: string
  value: string
}

export type PlaceAuditAction = 'create' | 'update' | 'move' | 'verify' | 'delete' | 'restore' | 'import'

export interface PlaceAuditTable {
  id: Generated<string>
  place_id: string
  account_id: string | null
  username: string
  action: PlaceAuditAction
  changes: ColumnType<Record<string, { before: unknown; after: unknown }>, string, string>
  version: number
  at: Timestamp
}

export interface PlaceReportTable {
  id: Generated<string>
  place_id: string
  kind: 'closed' | 'amenity_broken' | 'wrong_location' | 'wrong_hours' | 'other'
  amenity: string | null
  message: string
  status: ColumnType<'open' | 'resolved' | 'dismissed', 'open' | undefined, 'resolved' | 'dismissed'>
  created_at: Timestamp
  handled_at: Timestamp | null
  handled_by: string | null
  handling_note: string | null
}

/** Changes that are not to a place: staff accounts and decisions on problem reports (migration 0012). */
export interface StaffAuditTable {
  id: Generated<string>
  account_id: string | null
  username: string
  action: 'account_create' | 'account_change' | 'report_decide' | 'holiday_year_replace'
  subject: string
  place_id: string | null
  changes: ColumnType<Record<string, { before: unknown; after: unknown }>, string, string>
  at: Timestamp
}

export interface StaffTables {
  staff_account: StaffAccountTable
  staff_account_organisation: StaffAccountOrganisationTable
  staff_session: StaffSessionTable
  rate_limit: RateLimitTable
  app_secret: AppSecretTable
  place_audit: PlaceAuditTable
  place_report: PlaceReportTable
  staff_audit: StaffAuditTable
}
