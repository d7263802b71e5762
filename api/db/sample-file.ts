import { readFile } from 'node:fs/promises'
import { SampleData } from '../schemas/place-record.js'

export const SAMPLE_FILE = new URL('../../sql/seed/jiangbei-sample.json', import.meta.url)

/** Reads and validates a seed file (Node only). */
export async function readSampleData(file: URL | string = SAMPLE_FILE): Promise<SampleData> {
  return SampleData.parse(JSON.parse(await readFile(file, 'utf8')))
}
