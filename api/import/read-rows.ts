import { columnOf, mapHeader, type Column, type RawRow } from './columns.js'
import { fromWebMercator, geoJsonCrs } from './coordinates.js'
import { CsvError, parseCsv, restoreFormulaText } from './csv.js'
import { FileError, notice, type ImportNotice } from './messages.js'

export type ImportFormat = 'csv' | 'geojson'

export interface ReadRows {
  rows: RawRow[]
  /** Columns the file has: on update only these are changed. */
  columns: Set<Column>
  warnings: ImportNotice[]
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(cell).join(';')
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return JSON.stringify(value) ?? ''
}

/** A NUL is never text: binary, or UTF-16 without its byte-order mark. Named by line. */
function refuseNul(text: string) {
  const at = text.indexOf('\0')
  if (at >= 0) throw new FileError('nul_character', { line: (text.slice(0, at).match(/\r\n?|\n/g)?.length ?? 0) + 1 })
}

function readCsv(text: string): ReadRows {
  const records = parseCsv(text)
  const first = records.next()
  if (first.done) throw new FileError('file_empty')
  const header = first.value.fields
  const { columns, problems } = mapHeader(header)
  const rows: RawRow[] = []
  for (const record of records) {
    const values: RawRow['values'] = {}
    record.fields.forEach((value, i) => {
      const column = columns[i]
      // Our own export neutralised formula-like text; read it back as it was.
      if (column) values[column] = restoreFormulaText(value)
    })
    // A value with an unquoted comma shifts every later cell: never read such a row by position.
    const problem =
      record.fields.length === header.length
        ? undefined
        : { code: 'field_count' as const, params: { expected: header.length, found: record.fields.length } }
    rows.push({ line: record.line, values, ...(problem ? { problem } : {}) })
  }
  return { rows, columns: new Set(columns.filter((c): c is Column => c !== undefined)), warnings: problems }
}

interface GeoJsonFeature {
  id?: unknown
  geometry?: { type?: unknown; coordinates?: unknown } | null
  properties?: Record<string, unknown> | null
}

/** Feature n is reported as "line" n (its position in the collection, from 1). */
function readGeoJson(text: string): ReadRows {
  let doc: { type?: unknown; features?: unknown; crs?: unknown }
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, '')) as typeof doc
  } catch (error) {
    throw new FileError('not_json', { detail: (error as Error).message })
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new FileError('not_feature_collection')
  const crs = geoJsonCrs(doc.crs)
  if (typeof crs === 'object') throw new FileError('crs_unsupported', { crs: crs.unsupported })
  const warnings: ImportNotice[] = []
  // (`"crs": null` reads as WGS-84 above: no name to give.)
  const crsName =
    doc.crs && typeof doc.crs === 'object' ? String((doc.crs as { properties?: { name?: unknown } }).properties?.name) : ''
  if (crs === 'mercator') warnings.push(notice('crs_converted', { crs: crsName }))
  if (crs === 'cgcs2000') warnings.push(notice('crs_cgcs2000', { crs: crsName }))
  const columns = new Set<Column>(['lng', 'lat'])
  const unknown = new Set<string>()
  const rows = (doc.features as GeoJsonFeature[]).map((feature, i) => {
    const values: RawRow['values'] = {}
    for (const [key, value] of Object.entries(feature?.properties ?? {})) {
      const column = columnOf(key)
      if (!column) unknown.add(key)
      else if (column !== 'lng' && column !== 'lat') {
        values[column] = cell(value)
        columns.add(column)
      }
    }
    if (values.id === undefined && (typeof feature?.id === 'string' || typeof feature?.id === 'number'))
      values.id = String(feature.id)
    let point =
      feature?.geometry?.type === 'Point' && Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : []
    if (crs === 'mercator' && typeof point[0] === 'number' && typeof point[1] === 'number')
      point = fromWebMercator(point[0], point[1])
    values.lng = cell(point[0])
    values.lat = cell(point[1])
    return { line: i + 1, values }
  })
  return { rows, columns, warnings: [...warnings, ...[...unknown].map((property) => notice('unknown_property', { property }))] }
}

const REQUIRED: Array<[Column, string]> = [
  ['name_zh', '名称/name_zh'],
  ['lng', '经度/lng'],
  ['lat', '纬度/lat'],
]

export function readRows(text: string, format: ImportFormat): ReadRows {
  if (!text.trim()) throw new FileError('file_empty')
  refuseNul(text)
  let read: ReadRows
  try {
    read = format === 'csv' ? readCsv(text) : readGeoJson(text)
  } catch (error) {
    if (error instanceof CsvError) throw new FileError(error.code, { line: error.line })
    throw error
  }
  const missing = REQUIRED.filter(([c]) => !read.columns.has(c)).map(([, label]) => label)
  if (!read.columns.has('external_id') && !read.columns.has('id')) missing.push('外部编号/external_id')
  if (format === 'csv' && missing.length) throw new FileError('missing_columns', { columns: missing.join(', ') })
  return read
}
