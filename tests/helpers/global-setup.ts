import type { TestProject } from 'vitest/node'
import { dropClones, prepareTestDatabase } from './prepare-database.js'

/**
 * Runs once per `vitest run`: readies the template every test file's database is cloned from, and afterwards
 * drops the clones the workers have not dropped yet (also on Ctrl-C; an interrupted run's leftovers go at the
 * next run's start).
 */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[test db] ${line}`)
  const prepared = await prepareTestDatabase(log)
  project.provide('embeddedTemplate', prepared.embeddedTemplate ?? '')
  project.provide('postgisBundle', prepared.postgisBundle ?? '')
  return async () => {
    const url = process.env.DATABASE_URL
    if (url) await dropClones(url)
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplate: string
    postgisBundle: string
  }
}
