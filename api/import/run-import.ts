import type { Db } from '../db/schema.js'
import type { Actor } from '../queries/staff-audit.js'
import type { PlaceRecord } from '../schemas/place-record.js'
import { type Bounds, type Crs, JIANGBEI_BOUNDS } from './coordinates.js'
import type { RawRow } from './columns.js'
import { decodeText } from './decode.js'
import type { TextEncoding } from './text-encodings.js'
import { FileError, importMessage, notice, type ImportNotice } from './messages.js'
import { readRows, type ImportFormat } from './read-rows.js'
import { validateRow, type RowContext, type RowError } from './validate-row.js'
import { BATCH_SIZE, upsertPlaces, type WriteCounts } from '../queries/import-write.js'

export interface ImportOptions {
  format: ImportFormat
  crs?: Crs
  bounds?: Bounds
  category?: string | undefined
  /** `source` of rows that have none, e.g. `import:stations.csv`. */
  source: string
  /** Organisation (id or name) of rows that name none; a row's own column wins. */
  organisation?: string | undefined
  /** Who imports, for the audit rows. */
  actor: Actor
  /** When, for the audit rows. */
  now: Date
  dryRun?: boolean
  /** Write the valid rows and reject only the bad ones; otherwise any bad row stops the whole import. */
  skipInvalid?: boolean
  onProgress?: (phase: 'validate' | 'write', done: number, total: number) => void
}

export interface ImportReport extends WriteCounts {
  rows: number
  accepted: number
  rejected: RowError[]
  warnings: ImportNotice[]
  /** Why nothing was read at all (bad file, missing columns); rows are empty then. English text … */
  fileError: string | null
  /** … and the same as code + params, for the staff view. */
  fileProblem: ImportNotice | null
  /** How the bytes were read (null when text was given). */
  encoding: TextEncoding | null
  /** The organisation given to rows that name none (its id), or null. */
  organisation: string | null
  /** True when the changes were committed (false for a dry run or when rows were rejected without --skip-invalid). */
  written: boolean
  dryRun: boolean
}

/** Thrown to roll the transaction back: a dry run, or rows rejected without skipInvalid. */
class Rollback extends Error {}

async function lookups(db: Db): Promise<Pick<RowContext, 'areas' | 'organisations'>> {
  const byNames = (rows: Array<{ code: string; names: Array<string | null> }>) =>
    new Map(
      rows.flatMap((r) =>
        [r.code, ...r.names].filter((n): n is string => Boolean(n)).map((n) => [n.toLowerCase(), r.code] as const),
      ),
    )
  const areas = await db.selectFrom('area').select(['code', 'name_zh', 'name_en']).execute()
  const orgs = await db.selectFrom('organisation').select(['id', 'name_zh', 'name_en']).execute()
  return {
    areas: byNames(areas.map((a) => ({ code: a.code, names: [a.name_zh, a.name_en] }))),
    organisations: byNames(orgs.map((o) => ({ code: o.id, names: [o.name_zh, o.name_en] }))),
  }
}

/**
 * decode → parse → validate → write (with audit rows): the whole import, for the CLI and the admin route alike.
 * A dry run does everything the real run does, inside the same kind of transaction, and rolls it back, so its
 * report is what the real run would say.
 */
export async function runImport(db: Db, input: Uint8Array | string, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    rows: 0,
    accepted: 0,
    rejected: [],
    warnings: [],
    fileError: null,
    fileProblem: null,
    encoding: null,
    organisation: null,
    written: false,
    dryRun: Boolean(options.dryRun),
    inserted: 0,
    updated: 0,
    unchanged: 0,
  }
  const refused = (problem: ImportNotice) => ({ ...report, fileError: problem.message, fileProblem: problem })
  let read
  try {
    let text = input
    if (typeof input !== 'string') {
      const decoded = decodeText(input)
      text = decoded.text
      report.encoding = decoded.encoding
    }
    read = readRows(text as string, options.format)
  } catch (error) {
    if (!(error instanceof FileError)) throw error
    return refused(error.notice)
  }
  report.rows = read.rows.length
  report.warnings = read.warnings
  const known = await lookups(db)
  if (options.organisation) {
    const id = known.organisations.get(options.organisation.trim().toLowerCase())
    if (!id) return refused(notice('unknown_organisation_option', { organisation: options.organisation }))
    report.organisation = id
    // Rows that name none get it, so the column is written (on update too).
    read.columns.add('organisation_id')
  }
  const ctx: RowContext = {
    crs: options.crs ?? 'wgs84',
    bounds: options.bounds ?? JIANGBEI_BOUNDS,
    category: options.category,
    source: options.source,
    organisation: report.organisation ?? undefined,
    ...known,
  }
  const firstLine = new Map<string, number>()
  const validate = (rows: RawRow[]): PlaceRecord[] => {
    const accepted: PlaceRecord[] = []
    for (const row of rows) {
      const result = validateRow(row, ctx)
      if ('errors' in result) {
        report.rejected.push(...result.errors)
        continue
      }
      // One row per place: a repeated external id (or id) would make the file's meaning depend on row order.
      const keys = [`id:${result.record.id}`, ...(result.record.external_id ? [`ext:${result.record.external_id}`] : [])]
      const seen = keys.map((k) => firstLine.get(k)).find((l) => l !== undefined)
      if (seen !== undefined)
        report.rejected.push({
          line: row.line,
          field: keys.length > 1 ? 'external_id' : 'id',
          code: 'duplicate_id',
          params: { line: seen },
          reason: importMessage('duplicate_id', { line: seen }),
        })
      else {
        for (const k of keys) firstLine.set(k, row.line)
        accepted.push(result.record)
      }
    }
    report.accepted += accepted.length
    return accepted
  }
  const abandoned = () => report.rejected.length > 0 && !options.skipInvalid
  try {
    await db.transaction().execute(async (trx) => {
      // Pipelined: the database writes one batch while the next is validated. Everything is inside one
      // transaction, so a bad row found late still leaves nothing written.
      let pending: Promise<void> = Promise.resolve()
      let written = 0
      for (let start = 0; start < read.rows.length; start += BATCH_SIZE) {
        const records = validate(read.rows.slice(start, start + BATCH_SIZE))
        options.onProgress?.('validate', Math.min(start + BATCH_SIZE, read.rows.length), read.rows.length)
        await pending
        if (abandoned()) continue
        pending = upsertPlaces(trx, records, read.columns, { actor: options.actor, now: options.now }).then((counts) => {
          for (const k of ['inserted', 'updated', 'unchanged'] as const) report[k] += counts[k]
          written += records.length
          options.onProgress?.('write', written, read.rows.length)
        })
        pending.catch(() => {}) // handled by the `await pending` above on the next turn; not an unhandled rejection
        // Let the query go out before the next (synchronous) validation starts.
        await new Promise((resolve) => setTimeout(resolve, 0))
      }
      await pending
      if (options.dryRun || abandoned()) throw new Rollback()
    })
    report.written = true
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
  }
  if (abandoned()) Object.assign(report, { inserted: 0, updated: 0, unchanged: 0 })
  return report
}
