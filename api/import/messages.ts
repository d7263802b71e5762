/**
 * Every problem an import can report, as a code with parameters, so the staff view can say it in its own language
 * (web/staff/import-messages.ts) and the command line in English (the templates below). One table: adding a code
 * here without a Chinese template fails tests/web/import-messages.test.ts.
 */
export const IMPORT_MESSAGES = {
  // The file as a whole: nothing is read.
  file_empty: 'the file is empty',
  file_too_large: 'the file is over {limit_bytes} bytes, the upload limit: split it, or import it with npm run import',
  encoding_unsupported:
    "the file is neither UTF-8, UTF-16 with a BOM nor GB18030/GBK (it looks like {guess}): save it as 'CSV UTF-8'",
  nul_character: 'line {line} contains a NUL character: this is not a text file (or UTF-16 without a byte-order mark)',
  csv_unclosed_quote: 'line {line}: a quoted field is never closed',
  csv_text_after_quote: 'line {line}: text after a closing quote (a quote inside a field must be doubled: "")',
  missing_columns: 'missing column(s): {columns}',
  not_json: 'not JSON: {detail}',
  not_feature_collection: 'expected a GeoJSON FeatureCollection',
  crs_unsupported: "the file's crs '{crs}' is not one this import can convert (WGS-84/CRS84, EPSG:3857, CGCS2000)",
  unknown_organisation_option: "unknown organisation '{organisation}' (give its id or name)",
  // Warnings: the file is read, something in it is ignored or converted.
  unknown_column: "unknown column '{column}' (ignored)",
  repeated_column: "column '{column}' repeats {field} (ignored)",
  unknown_property: "unknown property '{property}' (ignored)",
  crs_converted: "coordinates converted from the file's crs {crs} to WGS-84",
  crs_cgcs2000: "the file's crs is CGCS2000 ({crs}), read as WGS-84 (they differ by centimetres)",
  // One row.
  field_count: 'the row has {found} fields where the header has {expected} (an unquoted comma in a value? quote the value)',
  missing_id: 'needs an external_id (or an id)',
  unknown_category: "unknown category '{value}'",
  missing_category: 'missing (give the column or choose a category)',
  bad_coordinate: "bad coordinate '{lng}, {lat}'",
  coordinate_out_of_range: "bad coordinate '{lng}, {lat}': out of range",
  coordinate_swapped: "bad coordinate '{lng}, {lat}': out of range (lng and lat swapped?)",
  outside_area: 'outside the service area ({bounds}): {lng}, {lat}',
  unknown_amenity: "unknown amenity '{value}'",
  hours_no_times: "malformed hours: rule '{rule}' has no times (e.g. 08:00-20:00, off, 24小时)",
  hours_unknown_day: "malformed hours: unknown day '{day}'",
  hours_bad_interval: "malformed hours: cannot read '{text}' as HH:MM-HH:MM",
  hours_bad_time: "malformed hours: '{text}' is not a time of day",
  hours_bad_json: 'malformed hours: {detail}',
  unknown_area: "unknown area '{value}'",
  unknown_organisation: "unknown organisation '{value}'",
  unknown_status: "unknown status '{value}'",
  details_not_object: 'details must be a JSON object',
  amenity_status_not_object: 'amenity_status must be a JSON object',
  unknown_access_method: "unknown access method '{value}' (walk_in, ask_staff, scan_code, key_from_counter)",
  access_note_without_method: 'an access note needs an access method',
  duplicate_id: 'duplicate id: same place as line {line}',
  missing_name: 'missing name',
  too_long: 'longer than {max} characters',
  bad_phone: 'phone: digits, spaces, + - ( ) only',
  bad_date: "'{value}' is not a YYYY-MM-DD date",
  invalid_value: '{detail}',
  unsafe_text: '{field} contains a NUL character or an unpaired UTF-16 surrogate (not text)',
} as const

export type ImportCode = keyof typeof IMPORT_MESSAGES
export const IMPORT_CODES = Object.keys(IMPORT_MESSAGES) as ImportCode[]
export type MessageParams = Record<string, string | number>

/** The English text of a code with its parameters filled in. */
export function importMessage(code: ImportCode, params: MessageParams = {}): string {
  return IMPORT_MESSAGES[code].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** A problem with the whole file, or a warning: code, parameters and the English text. */
export interface ImportNotice {
  code: ImportCode
  params: MessageParams
  message: string
}
export const notice = (code: ImportCode, params: MessageParams = {}): ImportNotice => ({
  code,
  params,
  message: importMessage(code, params),
})

/** Thrown while reading a file that cannot be read at all. */
export class FileError extends Error {
  readonly notice: ImportNotice
  constructor(code: ImportCode, params: MessageParams = {}) {
    const n = notice(code, params)
    super(n.message)
    this.notice = n
  }
}
