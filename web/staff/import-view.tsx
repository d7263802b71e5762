/**
 * Administrators: import an official list (CSV or GeoJSON) through POST /api/v1/import. Choose the file and how
 * its coordinates were picked, check it (a dry run: the validation report and what would change), then import.
 */
import { useState } from 'preact/hooks'
import { useI18n } from '../i18n/index.js'

export interface ImportReport {
  rows: number
  accepted: number
  rejected: Array<{ line: number; field: string; reason: string }>
  warnings: string[]
  fileError: string | null
  written: boolean
  dryRun: boolean
  inserted: number
  updated: number
  unchanged: number
}
export interface ImportChoice {
  format: 'csv' | 'geojson'
  crs: 'wgs84' | 'gcj02' | 'bd09'
  skipInvalid: boolean
}

const TEXT = {
  'zh-CN': {
    title: '批量导入',
    file: '文件（CSV 或 GeoJSON，≤ 1 MB）',
    crs: '坐标来源',
    wgs84: 'GPS / 天地图 / OSM（WGS-84）',
    gcj02: '高德 / 腾讯（GCJ-02）',
    bd09: '百度（BD-09）',
    skip: '跳过有问题的行，只导入正确的行',
    check: '检查',
    run: '导入',
    working: '处理中…',
    tooBig: '文件超过 1 MB，请用命令行导入（npm run import）',
    summary: '共 {rows} 行：{accepted} 行有效，{rejected} 个问题',
    plan: '将新增 {inserted}，更新 {updated}，不变 {unchanged}',
    done: '已导入：新增 {inserted}，更新 {updated}，不变 {unchanged}',
    line: '行',
    field: '字段',
    reason: '原因',
    blocked: '有问题的行未处理前不会写入任何数据（或勾选“跳过有问题的行”）',
    help: '列名与格式说明见 docs/import.md',
  },
  en: {
    title: 'Import',
    file: 'File (CSV or GeoJSON, ≤ 1 MB)',
    crs: 'Coordinates from',
    wgs84: 'GPS / OSM (WGS-84)',
    gcj02: 'Amap / Tencent (GCJ-02)',
    bd09: 'Baidu (BD-09)',
    skip: 'Skip bad rows and import only the good ones',
    check: 'Check',
    run: 'Import',
    working: 'Working…',
    tooBig: 'The file is over 1 MB: use the command line (npm run import)',
    summary: '{rows} rows: {accepted} valid, {rejected} problem(s)',
    plan: 'Would add {inserted}, update {updated}, leave {unchanged} unchanged',
    done: 'Imported: {inserted} new, {updated} updated, {unchanged} unchanged',
    line: 'Line',
    field: 'Field',
    reason: 'Reason',
    blocked: 'Nothing is written while rows are rejected (or tick “skip bad rows”)',
    help: 'Columns and formats: docs/import.md',
  },
} as const

const fill = (text: string, vars: Record<string, number>) => text.replace(/\{(\w+)\}/g, (w, k: string) => String(vars[k] ?? w))

export const formatOf = (fileName: string): ImportChoice['format'] => (/\.(geo)?json$/i.test(fileName) ? 'geojson' : 'csv')

export function importRequest(choice: ImportChoice, dryRun: boolean): { url: string; contentType: string } {
  const query = new URLSearchParams({
    format: choice.format,
    crs: choice.crs,
    dry_run: String(dryRun),
    skip_invalid: String(choice.skipInvalid),
  })
  return {
    url: `/api/v1/import?${query}`,
    contentType: choice.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json',
  }
}

/** The report from a 200, or from the `report` member of a 422 problem; otherwise the problem's detail. */
export async function sendImport(file: Blob, choice: ImportChoice, dryRun: boolean): Promise<ImportReport> {
  const { url, contentType } = importRequest(choice, dryRun)
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: file,
    credentials: 'same-origin',
  })
  const body = (await res.json().catch(() => ({}))) as Partial<ImportReport> & { report?: ImportReport; detail?: string }
  if (res.ok) return body as ImportReport
  if (body.report) return body.report
  throw new Error(body.detail ?? `HTTP ${res.status}`)
}

export function ImportView() {
  const { lang } = useI18n()
  const tx = TEXT[lang]
  const [file, setFile] = useState<File | null>(null)
  const [choice, setChoice] = useState<ImportChoice>({ format: 'csv', crs: 'gcj02', skipInvalid: false })
  const [report, setReport] = useState<ImportReport | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const send = async (dryRun: boolean) => {
    if (!file) return
    setError('')
    if (file.size > 1024 * 1024) return setError(tx.tooBig)
    setBusy(true)
    await sendImport(file, choice, dryRun).then(setReport, (e: Error) => setError(e.message))
    setBusy(false)
  }
  const change = (next: Partial<ImportChoice>) => {
    setChoice({ ...choice, ...next })
    setReport(null)
  }
  const canWrite =
    report?.dryRun && !report.fileError && (report.rejected.length === 0 || choice.skipInvalid) && report.accepted > 0
  return (
    <section class="staff-import" aria-labelledby="import-title">
      <h2 id="import-title">{tx.title}</h2>
      <p>{tx.help}</p>
      <label>
        {tx.file}{' '}
        <input
          type="file"
          accept=".csv,.geojson,.json,text/csv,application/geo+json"
          onChange={(e) => {
            const picked = e.currentTarget.files?.[0] ?? null
            setFile(picked)
            if (picked) change({ format: formatOf(picked.name) })
          }}
        />
      </label>
      <label>
        {tx.crs}{' '}
        <select value={choice.crs} onChange={(e) => change({ crs: e.currentTarget.value as ImportChoice['crs'] })}>
          {(['gcj02', 'bd09', 'wgs84'] as const).map((c) => (
            <option key={c} value={c}>
              {tx[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={choice.skipInvalid} onChange={(e) => change({ skipInvalid: e.currentTarget.checked })} />{' '}
        {tx.skip}
      </label>
      <div class="staff-actions">
        <button type="button" class="button" disabled={!file || busy} onClick={() => send(true)}>
          {tx.check}
        </button>
        <button type="button" class="button primary" disabled={!canWrite || busy} onClick={() => send(false)}>
          {tx.run}
        </button>
      </div>
      {busy && <p role="status">{tx.working}</p>}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {report && <ImportReportView report={report} tx={tx} />}
    </section>
  )
}

function ImportReportView({ report, tx }: { report: ImportReport; tx: (typeof TEXT)[keyof typeof TEXT] }) {
  if (report.fileError)
    return (
      <p role="alert" class="error">
        {report.fileError}
      </p>
    )
  const counts = {
    rows: report.rows,
    accepted: report.accepted,
    rejected: report.rejected.length,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
  }
  return (
    <div role="status">
      <p>{fill(tx.summary, counts)}</p>
      {report.written ? (
        <p>{fill(tx.done, counts)}</p>
      ) : report.rejected.length && !report.inserted && !report.updated && !report.unchanged ? (
        <p>{tx.blocked}</p>
      ) : (
        <p>{fill(tx.plan, counts)}</p>
      )}
      {report.warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
      {report.rejected.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{tx.line}</th>
              <th>{tx.field}</th>
              <th>{tx.reason}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.slice(0, 500).map((r, i) => (
              <tr key={i}>
                <td>{r.line}</td>
                <td>{r.field}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
