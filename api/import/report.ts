import type { TextEncoding } from './text-encodings.js'
import type { ImportReport } from './run-import.js'

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE (BOM)',
  'utf-16be': 'UTF-16 BE (BOM)',
  gb18030: 'GB18030/GBK',
}

/** The validation report as text: counts, then every rejected row (line, field, reason). */
export function formatReport(report: ImportReport, unit: 'line' | 'feature' = 'line', maxRows = Infinity): string {
  if (report.fileError) return `Nothing imported: ${report.fileError}\n`
  const lines = [
    `Rows read: ${report.rows}; valid: ${report.accepted}; rejected: ${new Set(report.rejected.map((r) => r.line)).size} (${report.rejected.length} problem(s))`,
  ]
  if (report.encoding) lines.push(`Read as: ${ENCODING_NAMES[report.encoding]}`)
  if (report.organisation) lines.push(`Organisation of rows that name none: ${report.organisation}`)
  for (const w of report.warnings) lines.push(`Warning: ${w.message}`)
  if (report.written || report.dryRun)
    lines.push(
      `${report.written ? 'Written' : 'Dry run, would write'}: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged`,
    )
  else lines.push('Nothing written: fix the rejected rows or use --skip-invalid to import only the valid ones')
  if (report.rejected.length) lines.push('', `${unit}\tfield\treason`)
  for (const r of report.rejected.slice(0, maxRows)) lines.push(`${r.line}\t${r.field}\t${r.reason}`)
  if (report.rejected.length > maxRows) lines.push(`… and ${report.rejected.length - maxRows} more`)
  return `${lines.join('\n')}\n`
}
