/**
 * RFC 4180 CSV as Excel writes it: `"` quoting with `""` escapes, fields with line breaks, lines ending in CRLF, LF
 * or a lone CR (old Mac Excel). Line breaks inside a quoted field are kept as LF. Each record keeps the line number
 * it starts on, for the validation report. (The text is already decoded: see decode.ts.)
 */
export interface CsvRecord {
  line: number
  fields: string[]
}

/** CRLF, CR and LF each count as one line break. */
const lineBreaks = (text: string) => text.match(/\r\n?|\n/g)?.length ?? 0

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
        const opened = line
        i++
        for (;;) {
          const q = src.indexOf('"', i)
          if (q < 0) throw new CsvError('csv_unclosed_quote', opened)
          const part = src.slice(i, q)
          value += part.replace(/\r\n?/g, '\n')
          line += lineBreaks(part)
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
      if (src[i] === '\r' || src[i] === '\n') {
        i += src[i] === '\r' && src[i + 1] === '\n' ? 2 : 1
        line++
      } else if (i < src.length) throw new CsvError('csv_text_after_quote', line)
      break
    }
    if (!(fields.length === 1 && fields[0] === '')) yield { line: start, fields }
  }
}

export class CsvError extends Error {
  constructor(
    readonly code: 'csv_unclosed_quote' | 'csv_text_after_quote',
    readonly line: number,
  ) {
    super(`CSV line ${line}: ${code}`)
  }
}

/** Quotes a field when it holds a comma, quote or line break, or starts with a space. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const s = String(value)
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const csvLine = (values: Array<string | number | null | undefined>) => `${values.map(csvField).join(',')}\r\n`

/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - @ tab or CR as a formula
 * (`=HYPERLINK(…)`). Such text cells get a leading apostrophe, which spreadsheets show as plain text; so do cells
 * already starting with apostrophes before one of those, so `restoreFormulaText` can undo exactly one. Numbers
 * (`-5`, `+86`) are left alone: they are what they look like.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/
export const neutraliseFormula = (text: string) => (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text)
/** The text before `neutraliseFormula` (an import of our own export reads back what was exported). */
export const restoreFormulaText = (text: string) =>
  /^'+[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text.slice(1)) ? text.slice(1) : text

/** Byte-order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\ufeff'
