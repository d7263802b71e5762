import { sql } from 'kysely'
import type { Db } from '../../api/db/schema.js'
import { snapToGrid } from '../../api/lib/location-grid.js'

const EVERY_DAY = (from: string, to: string) =>
  JSON.stringify({ weekly: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [[from, to]]])) })
/** Office hours, closed on public holidays (so holidays take the exact path for a quarter of the places). */
const WORKDAYS = JSON.stringify({
  holidays: 'closed',
  weekly: Object.fromEntries(
    ['mo', 'tu', 'we', 'th', 'fr'].map((d) => [
      d,
      [
        ['08:30', '11:30'],
        ['13:30', '17:00'],
      ],
    ]),
  ),
})

/**
 * Replaces all places with `count` synthetic ones spread over the Jiangbei district box: a realistic mix of
 * categories, amenity sets (each amenity on about half the places) and opening hours. Seeded, so runs compare.
 */
export async function loadSyntheticPlaces(db: Db, count: number): Promise<void> {
  await sql`TRUNCATE place CASCADE`.execute(db)
  await sql`SELECT setseed(0.42)`.execute(db)
  await sql`
    INSERT INTO place (id, category, name_zh, name_en, address_zh, location, amenities, opening_hours, source)
    SELECT 'bench-' || g,
           (ARRAY['caring_station', 'caring_station', 'caring_station', 'clinic', 'talent_apartment', 'training_base'])[1 + g % 6],
           '测试驿站' || g, 'Bench station ' || g, '宁波市江北区测试路' || g || '号',
           ST_SetSRID(ST_MakePoint(121.42 + random() * 0.22, 29.86 + random() * 0.14), 4326)::geography,
           ARRAY(SELECT a FROM unnest(ARRAY['rest_seating', 'drinking_water', 'first_aid_kit', 'wifi', 'phone_charging',
                 'smartphone_help', 'meal_heating', 'toilet', 'air_conditioning', 'ebike_charging', 'umbrella_lending',
                 'accessible_entrance']) AS a WHERE random() < 0.5 AND g > 0),
           (CASE g % 4 WHEN 0 THEN ${EVERY_DAY('00:00', '24:00')} WHEN 1 THEN ${EVERY_DAY('08:00', '20:00')}
                       WHEN 2 THEN ${WORKDAYS} ELSE ${EVERY_DAY('18:00', '30:00')} END)::jsonb,
           'synthetic benchmark data'
      FROM generate_series(1, ${count}::integer) AS g`.execute(db)
  // Settled before anything is timed, as a database in service is: without it the first reads set hint bits on
  // every fresh row and autovacuum starts on the place and count tables mid-run (the first target measured paid it).
  await sql`VACUUM ANALYZE`.execute(db)
}

/**
 * A deterministic stream of query points inside the district, on the API's location grid (as the web client
 * sends them; an off-grid position would be redirected to the grid first).
 */
export function* queryPoints(seed = 7): Generator<{ lat: string; lng: string }, never> {
  let s = seed
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647
  for (;;) yield { lat: snapToGrid(29.86 + next() * 0.14), lng: snapToGrid(121.42 + next() * 0.22) }
}
