import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createPlace, createPlaces } from '../helpers/fixtures.js'
import { shanghai, testApp, testDatabase } from '../helpers/test-db.js'

interface Feature {
  id: string
  geometry: { type: string; coordinates: [number, number] }
  properties: Record<string, unknown> & { distance_m?: number; amenities: string[]; open_now: boolean | null; category: string }
}
interface Collection {
  type: string
  features: Feature[]
  next_cursor: string | null
  numberReturned: number
}

const BUND = { lat: 29.884, lng: 121.556 }

/** Inserts caring stations at `[lng, lat]` spots for the duration of `run`, then removes them. */
async function withPlaces(spots: Array<[number, number]>, run: (ids: string[]) => Promise<void>) {
  const { db } = await testDatabase()
  const prefix = `pt-${Math.random().toString(36).slice(2, 8)}`
  const ids = spots.map((_, i) => `${prefix}-${i}`)
  for (const [i, [lng, lat]] of spots.entries())
    await sql`INSERT INTO place (id, category, name_zh, location, source)
      VALUES (${ids[i]!}, 'caring_station', '测试驿站', ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography, 'test')`.execute(
      db,
    )
  try {
    await run(ids)
  } finally {
    await sql`DELETE FROM place WHERE id LIKE ${`${prefix}-%`}`.execute(db)
  }
}

async function getPlaces(query: string, now = shanghai('2026-11-25T10:00')) {
  const app = await testApp({ clock: () => now })
  const res = await app.request(`/api/v1/places?${query}`)
  return { res, body: await res.json<Collection>() }
}

describe('GET /api/v1/places', () => {
  it('returns a GeoJSON FeatureCollection with [lng, lat] points and ids', async () => {
    const { res, body } = await getPlaces('limit=5')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(body.type).toBe('FeatureCollection')
    expect(body.features).toHaveLength(5)
    for (const f of body.features) {
      expect(typeof f.id).toBe('string')
      expect(f.geometry.type).toBe('Point')
      const [lng, lat] = f.geometry.coordinates
      expect(lng).toBeGreaterThan(121.3)
      expect(lng).toBeLessThan(121.7)
      expect(lat).toBeGreaterThan(29.8)
      expect(lat).toBeLessThan(30.1)
    }
  })

  it('orders results nearest first and gives distance_m', async () => {
    const { body } = await getPlaces(`lat=${BUND.lat}&lng=${BUND.lng}&limit=20`)
    const distances = body.features.map((f) => f.properties.distance_m!)
    expect(distances.every((d) => typeof d === 'number')).toBe(true)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    expect(distances[0]).toBeLessThan(1500)
  })

  it('keeps only places with every requested amenity', async () => {
    const { body } = await getPlaces(`lat=${BUND.lat}&lng=${BUND.lng}&amenity=drinking_water,meal_heating&limit=50`)
    expect(body.features.length).toBeGreaterThan(5)
    for (const f of body.features)
      expect(f.properties.amenities).toEqual(expect.arrayContaining(['drinking_water', 'meal_heating']))
  })

  it('filters by category list', async () => {
    const { body } = await getPlaces('category=clinic,training_base&limit=200')
    const categories = new Set(body.features.map((f) => f.properties.category))
    expect(categories).toEqual(new Set(['clinic', 'training_base']))
  })

  it('open_now=true keeps only places open at that moment', async () => {
    const lateNight = shanghai('2026-11-25T03:00')
    const { body } = await getPlaces('open_now=true&limit=200', lateNight)
    expect(body.features.length).toBeGreaterThan(0)
    for (const f of body.features) expect(f.properties.open_now).toBe(true)
    const all = await getPlaces('limit=200', lateNight)
    expect(body.features.length).toBeLessThan(all.body.features.length)
  })

  it('limits by radius in metres', async () => {
    // Own places east of the district (other tests add places near the Bund): 500 m, 2 km and 4 km north.
    await withPlaces(
      [
        [121.9, 30.3045],
        [121.9, 30.318],
        [121.9, 30.336],
      ],
      async () => {
        const within = async (radius: number) => (await getPlaces(`lat=30.3&lng=121.9&radius=${radius}`)).body.features
        expect((await within(1000)).map((f) => f.properties.distance_m)).toEqual([expect.closeTo(500, -1)])
        expect(await within(3000)).toHaveLength(2)
        expect(await within(5000)).toHaveLength(3)
        for (const f of await within(5000)) expect(f.properties.distance_m).toBeLessThanOrEqual(5000)
      },
    )
  })

  it('filters by bbox exactly', async () => {
    const bbox = [121.54, 29.88, 121.56, 29.9]
    const { body } = await getPlaces(`bbox=${bbox.join(',')}&limit=200`)
    expect(body.features.length).toBeGreaterThan(0)
    for (const {
      geometry: {
        coordinates: [lng, lat],
      },
    } of body.features) {
      expect(lng).toBeGreaterThanOrEqual(bbox[0]!)
      expect(lng).toBeLessThanOrEqual(bbox[2]!)
      expect(lat).toBeGreaterThanOrEqual(bbox[1]!)
      expect(lat).toBeLessThanOrEqual(bbox[3]!)
    }
  })

  it('finds Chinese substrings and English words in names, addresses and streets', async () => {
    // Places of this file's own, with words no sample place has, so the answers are exactly these.
    const hall = await createPlace({ name_zh: '鲲鹏智工测试之家' })
    const street = await createPlaces(12, (i) => ({ name_zh: `测试驿站${i}`, address_zh: `宁波市江北区鲲鹏测试街${i + 1}号` }))
    const academy = await createPlace({ category: 'training_base', name_zh: '测试培训基地', name_en: 'Kunpeng Test Academy' })
    const ids = async (q: string) =>
      (await getPlaces(`q=${encodeURIComponent(q)}&limit=200`)).body.features.map((f) => f.id).sort()
    expect(await ids('智工测试')).toEqual([hall.id])
    expect(await ids('鲲鹏测试街')).toEqual(street.map((p) => p.id).sort())
    expect(await ids('kunpeng test ACADEMY')).toEqual([academy.id])
    expect(await ids('鲲鹏')).toEqual([hall, ...street].map((p) => p.id).sort())
    expect(await ids('%_')).toEqual([])
  })

  it('pages with an opaque cursor without gaps or repeats, nearest first, ties included', async () => {
    // 12 places east of the district, some at exactly the same spot (two stations in one building).
    const spots: Array<[number, number]> = Array.from({ length: 12 }, (_, i) => [
      121.9 + (i % 5) * 0.001,
      30.3 + (i % 5) * 0.0005,
    ])
    await withPlaces(spots, async (ids) => {
      const all = await getPlaces('lat=30.3&lng=121.9&radius=2000&limit=200')
      expect(all.body.features.map((f) => f.id).sort()).toEqual([...ids].sort())
      for (const limit of [1, 2, 5]) {
        const seen: Feature[] = []
        let cursor: string | null = null
        do {
          const page: { body: Collection } = await getPlaces(
            `lat=30.3&lng=121.9&radius=2000&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          )
          seen.push(...page.body.features)
          cursor = page.body.next_cursor
        } while (cursor && seen.length < 50)
        expect(seen.map((f) => f.id).sort()).toEqual([...ids].sort())
        const distances = seen.map((f) => f.properties.distance_m!)
        expect([...distances].sort((a, b) => a - b)).toEqual(distances)
      }
    })
  })

  it('pages by id without location', async () => {
    const first = await getPlaces('limit=3')
    const second = await getPlaces(`limit=3&cursor=${first.body.next_cursor}`)
    const ids = [...first.body.features, ...second.body.features].map((f) => f.id)
    expect(new Set(ids).size).toBe(6)
    expect([...ids].sort()).toEqual(ids)
  })
})
