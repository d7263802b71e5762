import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import LongestFirst from './tests/helpers/sequencer.js'

// One worker per core (TEST_WORKERS overrides): each test file has a database of its own (tests/helpers/test-db.ts),
// so files run side by side.
const workers = Number(process.env.TEST_WORKERS) || availableParallelism()

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // TEST_CPU_LOG: per-file CPU, for measuring the suite (tests/helpers/cpu-log.ts).
    setupFiles: [...(process.env.TEST_CPU_LOG ? ['tests/helpers/cpu-log.ts'] : []), 'tests/helpers/open-database.ts'],
    pool: 'forks',
    maxWorkers: workers,
    fileParallelism: workers > 1,
    // Modules stay loaded between the files a worker runs (PGlite's WebAssembly and the app compile once per
    // worker, not once per file); the data is what must not be shared, and each file has its own database.
    isolate: false,
    // Longest files first, also on a clean clone with no duration cache (tests/helpers/sequencer.ts).
    sequence: { hooks: 'stack', sequencer: LongestFirst },
    // Generous: 2 cores are shared with other work, and under load a heavy test (a PGlite start, a 2,000-row fill,
    // Chromium) has taken over 30 s where it takes 5 s on a quiet machine. A hang still fails.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
