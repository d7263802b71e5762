/**
 * RFC 4180 CSV as Excel writes it: optional UTF-8 BOM, `"` quoting with `""` escapes, fields with line breaks,
 * CRLF or LF. Each record keeps the line number it starts on, for the validation report.
 */
export interface CsvRecord {
  line: number
  fields: string[]
}

export function* parseCsv(text: string): Generator<CsvRecord> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let i = 0
  let line = 1
  while (i < src.length) {
    const start = line
    const fields: string[] = []
    for (;;) {
      let value = ''
      if (src[i] === '"') {
        i++
        for (;;) {
          const q = src.indexOf('"', i)
          if (q < 0) throw new CsvError(start, 'a quoted field is never closed')
          value += src.slice(i, q)
          for (let k = i; k < q; k++) if (src[k] === '\n') line++
          i = q + 1
          if (src[i] === '"') {
            value += '"'
            i++
          } else break
        }
      } else {
        let end = i
        while (end < src.length && src[end] !== ',' && src[end] !== '\n' && src[end] !== '\r') end++
        value = src.slice(i, end)
        i = end
      }
      fields.push(value)
      if (src[i] === ',') {
        i++
        continue
      }
      if (src[i] === '\r') i++
      if (src[i] === '\n') {
        i++
        line++
      } else if (i < src.length) throw new CsvError(line, 'text after a closing quote')
      break
    }
    if (!(fields.length === 1 && fields[0] === '')) yield { line: start, fields }
  }
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`CSV line ${line}: ${reason}`)
  }
}

/** Quotes a field when it holds a comma, quote or line break, or starts with a space. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const s = String(value)
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const csvLine = (values: Array<string | number | null | undefined>) => `${values.map(csvField).join(',')}\r\n`

/** Byte-order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\ufeff'
