import type { TestProject } from 'vitest/node'
import { prepareTestDatabase } from './prepare-database.js'

/** Runs once per `vitest run`: readies one database (embedded template or real PostGIS) for every test file. */
export default async function setup(project: TestProject) {
  const prepared = await prepareTestDatabase((line) => console.log(`[test db] ${line}`))
  project.provide('embeddedTemplate', prepared.embeddedTemplate ?? '')
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplate: string
  }
}
