/**
 * The order test files start in: longest first, so the run does not end with one worker alone on a 16-s browser file
 * while the other has nothing left. vitest's own sequencer sorts by the durations it cached at the last run
 * (node_modules/.vite/vitest/…/results.json), but a clean clone has no cache and falls back to file size, which
 * starts the 18-s accessibility file (98 lines) after dozens of quick ones. So the durations of the slow files are
 * kept here, as seconds of a run on a quiet 2-core machine; a duration vitest cached wins when it has one (it is
 * from this machine), and files that failed last time still go first.
 *
 * Keep the list rough: it only decides the order. A file not listed counts as quick (0 s). Files that run only on
 * PostgreSQL (they skip on the embedded database, at no cost wherever they are placed) carry their PostgreSQL time.
 */
import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

export const TYPICAL_SECONDS: Record<string, number> = {
  'tests/e2e/accessibility.test.ts': 18,
  'tests/e2e/staff-flow.test.ts': 17,
  'tests/e2e/search-words.test.ts': 16,
  'tests/security/fuzz.test.ts': 7.7,
  'tests/e2e/field-ready.test.ts': 6.6,
  'tests/e2e/browse.test.ts': 6.4,
  'tests/api/node-cluster.test.ts': 9,
  'tests/edge/worker.test.ts': 7.5,
  'tests/edge/edge-cache.test.ts': 5.5,
  'tests/api/migrate-command.test.ts': 3,
  'tests/e2e/field-time-offline.test.ts': 5.5,
  'tests/api/search-index.test.ts': 5,
  'tests/e2e/map-viewport.test.ts': 4.3,
  'tests/api/load-shed.test.ts': 3.9,
  'tests/e2e/live-truth-staff.test.ts': 3.9,
  'tests/e2e/live-truth.test.ts': 3.8,
  'tests/e2e/near-me.test.ts': 3.8,
  'tests/e2e/install-prompt.test.ts': 3.7,
  'tests/data/import-files.test.ts': 3.7,
  'tests/security/service-area-lock.test.ts': 3.5,
  'tests/data/import.test.ts': 3,
  'tests/api/share-card.test.ts': 3,
  'tests/data/openapi.test.ts': 2.2,
  'tests/truth/confirmations.test.ts': 2,
  'tests/e2e/offline-reload.test.ts': 1.8,
  'tests/api/viewport.test.ts': 1.8,
  'tests/edge/bundle.test.ts': 1.5,
}

export default class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache
    const known = (file: TestSpecification) => {
      const path = relative(this.ctx.config.root, file.moduleId)
      const cached = cache.getFileTestResults(`${file.project.name}:${path}`)
      return {
        failed: cached?.failed ?? false,
        ms: cached ? cached.duration : (TYPICAL_SECONDS[path.replaceAll('\\', '/')] ?? 0) * 1000,
      }
    }
    const keyed = files.map((file) => ({ file, ...known(file) }))
    keyed.sort((a, b) => Number(b.failed) - Number(a.failed) || b.ms - a.ms)
    return Promise.resolve(keyed.map((k) => k.file))
  }
}
