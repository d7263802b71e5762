import { DAY_KEYS, type OpeningHours } from '../domain/opening-hours.js'
import { COLUMN_NAMES, type Column } from '../import/columns.js'
import { csvLine, neutraliseFormula } from '../import/csv.js'
import { formatHoursText, parseHoursText } from '../import/hours-text.js'
import type { ExportRow } from '../queries/export.js'

/** The same hours, whatever the key order (jsonb sorts keys) and however the days are spelled out. */
function sameHours(a: OpeningHours, b: OpeningHours): boolean {
  const canonical = (h: OpeningHours) =>
    JSON.stringify([
      DAY_KEYS.map((d) => h.weekly[d] ?? []),
      h.holidays ?? 'as_usual',
      [...(h.exceptions ?? [])]
        .sort((x, y) => x.date.localeCompare(y.date))
        .map((e) => [e.date, e.intervals, e.note_zh ?? null, e.note_en ?? null]),
    ])
  return canonical(a) === canonical(b)
}

/** Readable text when it reads back the same, else the JSON (exception notes have no text form). */
export function hoursCell(hours: OpeningHours | null): string {
  if (!hours) return ''
  const text = formatHoursText(hours)
  const back = parseHoursText(text)
  return back.ok && sameHours(back.hours, hours) ? text : JSON.stringify(hours)
}

function cells(row: ExportRow): Record<Column, string | number | null> {
  const { access, ...rest } = row
  return {
    ...rest,
    amenities: row.amenities.join(';'),
    opening_hours: hoursCell(row.opening_hours),
    staffed_hours: hoursCell(row.staffed_hours),
    access_method: access?.method ?? '',
    access_note_zh: access?.note_zh ?? '',
    access_note_en: access?.note_en ?? '',
    amenity_status: Object.keys(row.amenity_status).length ? JSON.stringify(row.amenity_status) : '',
    details: Object.keys(row.details).length ? JSON.stringify(row.details) : '',
  }
}

export const csvHeader = () => csvLine(COLUMN_NAMES)
export const csvRow = (row: ExportRow) => {
  const values = cells(row)
  return csvLine(COLUMN_NAMES.map((c) => values[c]).map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)))
}

/** A GeoJSON Feature whose properties carry the import columns (amenities as codes, hours and details as objects). */
export function geoJsonFeature(row: ExportRow) {
  const { id, lng, lat, access, ...rest } = row
  return {
    type: 'Feature' as const,
    id,
    geometry: { type: 'Point' as const, coordinates: [lng, lat] },
    properties: {
      id,
      ...rest,
      access_method: access?.method ?? null,
      access_note_zh: access?.note_zh ?? null,
      access_note_en: access?.note_en ?? null,
    },
  }
}
