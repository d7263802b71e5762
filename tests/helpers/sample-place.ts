/** A place of the seeded sample as the generator wrote it, so tests name it without copying its text. */
import { readSampleData } from '../../api/db/sample-file.js'

export async function samplePlace(id: string) {
  const place = (await readSampleData()).places.find((p) => p.id === id)
  if (!place) throw new Error(`${id} is not in the sample`)
  return place
}
