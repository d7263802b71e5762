import { columnOf, mapHeader, type Column, type RawRow } from './columns.js'
import { CsvError, parseCsv } from './csv.js'

export type ImportFormat = 'csv' | 'geojson'

export interface ReadRows {
  rows: RawRow[]
  /** Columns the file has: on update only these are changed. */
  columns: Set<Column>
  warnings: string[]
}

export class FileError extends Error {}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(cell).join(';')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function readCsv(text: string): ReadRows {
  const records = parseCsv(text)
  const first = records.next()
  if (first.done) throw new FileError('the file is empty')
  const { columns, problems } = mapHeader(first.value.fields)
  const rows: RawRow[] = []
  for (const record of records) {
    const values: RawRow['values'] = {}
    record.fields.forEach((value, i) => {
      const column = columns[i]
      if (column) values[column] = value
    })
    rows.push({ line: record.line, values })
  }
  return {
    rows,
    columns: new Set(columns.filter((c): c is Column => c !== undefined)),
    warnings: problems.map((p) => `${p} (ignored)`),
  }
}

interface GeoJsonFeature {
  id?: unknown
  geometry?: { type?: unknown; coordinates?: unknown } | null
  properties?: Record<string, unknown> | null
}

/** Feature n is reported as "line" n (its position in the collection, from 1). */
function readGeoJson(text: string): ReadRows {
  let doc: { type?: unknown; features?: unknown }
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, '')) as typeof doc
  } catch (error) {
    throw new FileError(`not JSON: ${(error as Error).message}`)
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features))
    throw new FileError('expected a GeoJSON FeatureCollection')
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
    const point =
      feature?.geometry?.type === 'Point' && Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : []
    values.lng = cell(point[0])
    values.lat = cell(point[1])
    return { line: i + 1, values }
  })
  return { rows, columns, warnings: [...unknown].map((k) => `unknown property '${k}' (ignored)`) }
}

const REQUIRED: Array<[Column, string]> = [
  ['name_zh', '名称/name_zh'],
  ['lng', '经度/lng'],
  ['lat', '纬度/lat'],
]

export function readRows(text: string, format: ImportFormat): ReadRows {
  let read: ReadRows
  try {
    read = format === 'csv' ? readCsv(text) : readGeoJson(text)
  } catch (error) {
    if (error instanceof CsvError) throw new FileError(error.message)
    throw error
  }
  const missing = REQUIRED.filter(([c]) => !read.columns.has(c)).map(([, label]) => label)
  if (!read.columns.has('external_id') && !read.columns.has('id')) missing.push('外部编号/external_id')
  if (format === 'csv' && missing.length) throw new FileError(`missing column(s): ${missing.join(', ')}`)
  return read
}
