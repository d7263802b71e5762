/** `npm run db:migrate` on a database that is already up to date says so, instead of printing nothing. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isRealPostgres, testDatabaseUrl } from '../helpers/test-db.js'

const run = promisify(execFile)

describe('db:migrate', () => {
  // The file's own PostgreSQL clone is already migrated; on the embedded default a fresh data folder costs ~20 s.
  it.skipIf(!isRealPostgres())('says "nothing to apply" when every migration is in place', async () => {
    const { stderr } = await run('npx', ['tsx', 'scripts/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: await testDatabaseUrl() },
    })
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^Migrations: nothing to apply \(all \d+ in place\)$/)
  })
})
