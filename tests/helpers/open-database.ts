import { beforeAll } from 'vitest'
import { testDatabase } from './test-db.js'

// Open the run's database in a hook (generous hookTimeout), not inside whichever test happens to come first.
beforeAll(async () => {
  await testDatabase()
})
