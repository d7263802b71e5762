/**
 * Administrators: import an official list (CSV or GeoJSON) through POST /api/v1/import. Choose the file, where its
 * coordinates come from, and optionally a category and an organisation for rows that name none; "Check" runs a
 * dry run (the report is exactly what the import would write), then "Import" writes. Every problem is shown in
 * the view's language, with its line.
 */
import { useEffect, useState } from 'preact/hooks'
import type { z } from 'zod'
import type { ImportReportSchema } from '../../api/schemas/import.js'
import { useI18n } from '../i18n/index.js'
import { importFieldLabel, importText } from './import-messages.js'
import { ApiFailure, call, staffApi, type Problem } from './staff-api.js'

export type ImportReport = z.infer<typeof ImportReportSchema>
export interface ImportChoice {
  format: 'csv' | 'geojson'
  crs: 'wgs84' | 'gcj02' | 'bd09'
  skipInvalid: boolean
  /** Organisation id for rows that name none ('' = none). */
  organisation?: string
  /** Category code for rows that name none ('' = none). */
  category?: string
}

export const MAX_UPLOAD_BYTES = 1024 * 1024

const TEXT = {
  'zh-CN': {
    title: '批量导入',
    file: '文件（CSV 或 GeoJSON，不超过 1 MB）',
    limit:
      '上传上限为 1 MB（约 5,000 行）。更大的文件请拆分，或在服务器上用命令行导入：npm run import -- 文件名。支持 UTF-8（带或不带 BOM）、UTF-16（带 BOM）和 GBK/GB18030 编码，CRLF、LF 或 CR 换行。',
    crs: '坐标来源',
    wgs84: 'GPS / 天地图 / OSM（WGS-84）',
    gcj02: '高德 / 腾讯（GCJ-02）',
    bd09: '百度（BD-09）',
    organisation: '所属单位（文件中未填写单位的行）',
    category: '类别（文件中未填写类别的行）',
    fromFile: '— 按文件 —',
    skip: '跳过有问题的行，只导入正确的行',
    check: '检查',
    run: '导入',
    working: '处理中…',
    tooBig: '文件超过 1 MB 的上传上限：请拆分文件，或用命令行导入（npm run import）',
    encoding: '文件编码：{encoding}',
    summary: '共 {rows} 行：{accepted} 行有效，{rejected} 行有问题',
    plan: '将新增 {inserted}，更新 {updated}，不变 {unchanged}',
    done: '已导入：新增 {inserted}，更新 {updated}，不变 {unchanged}',
    orgApplied: '未填写单位的行归属：{organisation}',
    line: '行',
    field: '项目',
    reason: '原因',
    blocked: '有问题的行未处理前不会写入任何数据（或勾选“跳过有问题的行”）',
    nothingWritten: '未导入任何数据',
    help: '列名与格式说明见 docs/import.md',
  },
  en: {
    title: 'Import',
    file: 'File (CSV or GeoJSON, at most 1 MB)',
    limit:
      'Uploads are limited to 1 MB (about 5,000 rows). Split a larger file, or import it on the server: npm run import -- FILE. Encodings: UTF-8 (with or without BOM), UTF-16 (with BOM), GBK/GB18030; lines ending in CRLF, LF or CR.',
    crs: 'Coordinates from',
    wgs84: 'GPS / OSM (WGS-84)',
    gcj02: 'Amap / Tencent (GCJ-02)',
    bd09: 'Baidu (BD-09)',
    organisation: 'Organisation (rows that name none)',
    category: 'Category (rows that name none)',
    fromFile: '— as in the file —',
    skip: 'Skip bad rows and import only the good ones',
    check: 'Check',
    run: 'Import',
    working: 'Working…',
    tooBig: 'The file is over the 1 MB upload limit: split it, or use the command line (npm run import)',
    encoding: 'Read as {encoding}',
    summary: '{rows} rows: {accepted} valid, {rejected} with problems',
    plan: 'Would add {inserted}, update {updated}, leave {unchanged} unchanged',
    done: 'Imported: {inserted} new, {updated} updated, {unchanged} unchanged',
    orgApplied: 'Rows that name no organisation go to: {organisation}',
    line: 'Line',
    field: 'Item',
    reason: 'Reason',
    blocked: 'Nothing is written while rows are rejected (or tick “skip bad rows”)',
    nothingWritten: 'Nothing imported',
    help: 'Columns and formats: docs/import.md',
  },
} as const
type Text = (typeof TEXT)[keyof typeof TEXT]

const ENCODINGS: Record<NonNullable<ImportReport['encoding']>, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GBK / GB18030',
}

const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (w, k: string) => String(vars[k] ?? w))

export const formatOf = (fileName: string): ImportChoice['format'] => (/\.(geo)?json$/i.test(fileName) ? 'geojson' : 'csv')

export function importRequest(choice: ImportChoice, dryRun: boolean): { url: string; contentType: string } {
  const query = new URLSearchParams({
    format: choice.format,
    crs: choice.crs,
    ...(choice.category ? { category: choice.category } : {}),
    ...(choice.organisation ? { organisation: choice.organisation } : {}),
    dry_run: String(dryRun),
    skip_invalid: String(choice.skipInvalid),
  })
  // The bytes go as they are: the server detects the encoding (UTF-8, UTF-16, GBK), so no charset is claimed.
  return { url: `/api/v1/import?${query}`, contentType: choice.format === 'csv' ? 'text/csv' : 'application/geo+json' }
}

/** The report from a 200, or from the `report` member of a 422 (or a file problem of a 413); else the detail. */
export async function sendImport(file: Blob, choice: ImportChoice, dryRun: boolean): Promise<ImportReport> {
  const { url, contentType } = importRequest(choice, dryRun)
  try {
    return (await call<ImportReport>('POST', url, undefined, { raw: { body: file, type: contentType } })).data
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error
    // A refused import still carries its report (422), or the file problem (413): show that, not just the detail.
    const problem: Problem & { report?: ImportReport; fileProblem?: ImportReport['fileProblem'] } = error.problem
    if (problem.report) return problem.report
    if (problem.fileProblem)
      return { ...EMPTY_REPORT, dryRun, fileError: problem.fileProblem.message, fileProblem: problem.fileProblem }
    throw new Error(problem.status ? problem.detail : 'network', { cause: error })
  }
}

const EMPTY_REPORT: ImportReport = {
  rows: 0,
  accepted: 0,
  rejected: [],
  warnings: [],
  fileError: null,
  fileProblem: null,
  encoding: null,
  organisation: null,
  written: false,
  dryRun: true,
  inserted: 0,
  updated: 0,
  unchanged: 0,
}

type Organisation = { id: string; name_zh: string; name_en: string | null }

export function ImportView({ categories = [] }: { categories?: Array<{ code: string; label_zh: string; label_en: string }> }) {
  const { lang, pick } = useI18n()
  const tx = TEXT[lang]
  const [file, setFile] = useState<File | null>(null)
  const [choice, setChoice] = useState<ImportChoice>({
    format: 'csv',
    crs: 'gcj02',
    skipInvalid: false,
    organisation: '',
    category: '',
  })
  const [organisations, setOrganisations] = useState<Organisation[]>([])
  const [report, setReport] = useState<ImportReport | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  useEffect(() => {
    staffApi.organisations().then(setOrganisations, () => undefined)
  }, [])
  const send = async (dryRun: boolean) => {
    if (!file) return
    setError('')
    if (file.size > MAX_UPLOAD_BYTES) return setError(tx.tooBig)
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
  const orgName = (id: string) => {
    const org = organisations.find((o) => o.id === id)
    return org ? pick(org.name_zh, org.name_en) : id
  }
  return (
    <section class="staff-import" aria-labelledby="import-title">
      <h2 id="import-title">{tx.title}</h2>
      <p>{tx.help}</p>
      <p class="staff-muted" id="import-limit">
        {tx.limit}
      </p>
      <label>
        {tx.file}{' '}
        <input
          type="file"
          name="import_file"
          aria-describedby="import-limit"
          accept=".csv,.txt,.geojson,.json,text/csv,application/geo+json"
          onChange={(e) => {
            const picked = e.currentTarget.files?.[0] ?? null
            setFile(picked)
            setError(picked && picked.size > MAX_UPLOAD_BYTES ? tx.tooBig : '')
            if (picked) change({ format: formatOf(picked.name) })
          }}
        />
      </label>
      <label>
        {tx.crs}{' '}
        <select name="crs" value={choice.crs} onChange={(e) => change({ crs: e.currentTarget.value as ImportChoice['crs'] })}>
          {(['gcj02', 'bd09', 'wgs84'] as const).map((c) => (
            <option key={c} value={c}>
              {tx[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tx.organisation}{' '}
        <select name="organisation" value={choice.organisation} onChange={(e) => change({ organisation: e.currentTarget.value })}>
          <option value="">{tx.fromFile}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {pick(o.name_zh, o.name_en)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tx.category}{' '}
        <select name="category" value={choice.category} onChange={(e) => change({ category: e.currentTarget.value })}>
          <option value="">{tx.fromFile}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {pick(c.label_zh, c.label_en)}
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
        <button type="button" class="button button-primary" disabled={!canWrite || busy} onClick={() => send(false)}>
          {tx.run}
        </button>
      </div>
      {busy && <p role="status">{tx.working}</p>}
      {error && (
        <p role="alert" class="staff-error">
          {error}
        </p>
      )}
      {report && <ImportReportView report={report} tx={tx} orgName={orgName} />}
    </section>
  )
}

function ImportReportView({ report, tx, orgName }: { report: ImportReport; tx: Text; orgName: (id: string) => string }) {
  const { lang } = useI18n()
  if (report.fileProblem)
    return (
      <div role="alert" class="staff-error import-file-problem">
        <p>
          <strong>{tx.nothingWritten}</strong>: {importText(lang, report.fileProblem, report.fileProblem.message)}
        </p>
        {report.encoding && <p>{fill(tx.encoding, { encoding: ENCODINGS[report.encoding] })}</p>}
      </div>
    )
  const counts = {
    rows: report.rows,
    accepted: report.accepted,
    rejected: new Set(report.rejected.map((r) => r.line)).size,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
  }
  return (
    <div role="status" class="import-report">
      {report.encoding && <p>{fill(tx.encoding, { encoding: ENCODINGS[report.encoding] })}</p>}
      <p>{fill(tx.summary, counts)}</p>
      {report.written ? (
        <p>{fill(tx.done, counts)}</p>
      ) : report.rejected.length && !report.inserted && !report.updated && !report.unchanged ? (
        <p>{tx.blocked}</p>
      ) : (
        <p>{fill(tx.plan, counts)}</p>
      )}
      {report.organisation && <p>{fill(tx.orgApplied, { organisation: orgName(report.organisation) })}</p>}
      {report.warnings.length > 0 && (
        <ul class="import-warnings">
          {report.warnings.map((w, i) => (
            <li key={i}>{importText(lang, w, w.message)}</li>
          ))}
        </ul>
      )}
      {report.rejected.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{tx.line}</th>
              <th scope="col">{tx.field}</th>
              <th scope="col">{tx.reason}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.slice(0, 500).map((r, i) => (
              <tr key={i} data-code={r.code}>
                <td>{r.line}</td>
                <td>{importFieldLabel(r.field, lang)}</td>
                <td>{importText(lang, r, r.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
