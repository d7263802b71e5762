import { rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildWorkerBundle, WORKER_GZIP_LIMIT } from '../../scripts/edge-bundle.js'

describe('the Worker bundle (wrangler deploy --dry-run)', () => {
  it('builds, stays well within the free plan limit, and carries no embedded database', async () => {
    const bundle = await buildWorkerBundle()
    try {
      // "Well within": at most half of the free plan's 3 MB compressed.
      expect(bundle.gzipBytes).toBeLessThan(WORKER_GZIP_LIMIT.free / 2)
      expect(bundle.gzipBytes).toBeGreaterThan(10_000)
      expect(bundle.source).not.toMatch(/pglite/i)
      expect(bundle.source).toContain('HYPERDRIVE')
    } finally {
      rmSync(bundle.outdir, { recursive: true, force: true })
    }
  }, 180_000)
})
