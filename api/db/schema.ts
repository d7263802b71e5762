import type { ColumnType, Generated, Kysely, RawBuilder, Selectable, Updateable } from 'kysely'
import type { AmenityStatus } from '../domain/amenity-status.js'
import type { ConfirmationKind } from '../domain/confirmations.js'
import type { DayKind, OpeningHours, PlaceStatus } from '../domain/opening-hours.js'
import type { StaffTables } from './staff-schema.js'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** `geography(Point,4326)`: written through PostGIS functions only (geographyPoint), so never as plain text. */
type Geography = ColumnType<string, RawBuilder<string>, RawBuilder<string>>

export interface AreaTable {
  code: string
  name_zh: string
  name_en: string
}

export interface OrganisationTable {
  id: string
  name_zh: string
  name_en: string | null
}

export interface PlaceTable {
  id: string
  external_id: string | null
  category: string
  name_zh: string
  name_en: string | null
  address_zh: string | null
  address_en: string | null
  area_code: string | null
  location: Geography
  phone: string | null
  organisation_id: string | null
  description_zh: string | null
  description_en: string | null
  /** DEFAULT '{}' (migration 0002). */
  amenities: ColumnType<string[], string[] | undefined, string[]>
  opening_hours: ColumnType<OpeningHours | null, string | null, string | null>
  staffed_hours: ColumnType<OpeningHours | null, string | null | undefined, string | null>
  access: ColumnType<PlaceAccess | null, string | null | undefined, string | null>
  amenity_status: ColumnType<AmenityStatus, string | undefined, string>
  /** Newest public confirmation (migration 0021); maintained by insertConfirmation. */
  last_confirmed_at: ColumnType<Date | null, never, Date | null>
  status: ColumnType<PlaceStatus, PlaceStatus | undefined, PlaceStatus>
  status_reason: string | null
  /** `YYYY-MM-DD` (the pg type parser is set to leave dates as text). */
  status_until: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, string>
  source: string
  last_verified_at: Timestamp | null
  version: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
  deleted_at: Date | null
  search_text: ColumnType<string, never, never>
  /** The location's longitude and latitude as numbers (generated, migration 0031). */
  lng: ColumnType<number, never, never>
  lat: ColumnType<number, never, never>
  /** Generated from opening_hours (migration 0004) for the fast `open_now` test. */
  open_week: ColumnType<string, never, never>
  exception_dates: ColumnType<string[], never, never>
  /** Generated (migration 0020): the hours have a holiday rule other than as_usual. */
  holiday_rule: ColumnType<boolean, never, never>
  /** Generated (migration 0040): the vocabulary amenities as bits, bit i = AMENITY_CODES[i]. */
  amenity_bits: ColumnType<number, never, never>
}

export interface HolidayCalendarTable {
  /** `YYYY-MM-DD`. */
  date: string
  kind: DayKind
  name_zh: string
  name_en: string
  source: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface PlaceConfirmationTable {
  id: Generated<string>
  place_id: string
  kind: ConfirmationKind
  amenity: string | null
  created_at: ColumnType<Date, Date, never>
}

/** One row (migration 0070): bumped at the commit of every write to public data. */
export interface DataVersionTable {
  id: ColumnType<boolean, never, never>
  version: ColumnType<string, never, never>
}

export interface PlaceAccess {
  method: 'walk_in' | 'ask_staff' | 'scan_code' | 'key_from_counter'
  note_zh?: string
  note_en?: string
}

/** Live places per map grid cell and category (migration 0033), kept by triggers on place. */
export interface PlaceCellTable {
  level: number
  gx: number
  gy: number
  category: string
  n: number
  sum_lng: number
  sum_lat: number
}

export interface Database extends StaffTables {
  area: AreaTable
  organisation: OrganisationTable
  place: PlaceTable
  holiday_calendar: HolidayCalendarTable
  place_confirmation: PlaceConfirmationTable
  place_cell: PlaceCellTable
  data_version: DataVersionTable
}

export type Db = Kysely<Database>
export type Place = Selectable<PlaceTable>
export type PlaceUpdate = Updateable<PlaceTable>
