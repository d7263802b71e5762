import { afterAll } from 'vitest'
import { beginTestFile, endTestFile } from './test-db.js'

// Runs before each test file: the file gets a database of its own (opened on first use), closed when it ends.
// Registered first, this afterAll runs last: after the file's own hooks have closed servers using the database.
beginTestFile()
afterAll(endTestFile)
