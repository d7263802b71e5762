import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

/**
 * Whether the visibility map covers most of the places' pages (as of the last VACUUM or ANALYZE), so an index-only
 * scan skips the heap. Autovacuum keeps it so on PostgreSQL; the embedded PGlite never vacuums by itself, and there
 * (or right after a large import) the index forms would visit the heap for every entry, slower than the list's
 * forms through the GIN index.
 */
export async function mostlyAllVisible(db: Db): Promise<boolean> {
  const { rows } = await sql<{ visible: boolean }>`
    SELECT relallvisible >= 0.5 * relpages AND relpages > 0 AS visible FROM pg_class WHERE oid = 'place'::regclass`.execute(db)
  return rows[0]?.visible ?? false
}

/**
 * What autovacuum would do, for the embedded database (PGlite runs none): VACUUM ANALYZE the places when most of
 * their pages are not known all-visible (never vacuumed, or much written since), so the planner has statistics
 * and the filtered map view its index-only scan. True when it ran.
 */
export async function vacuumPlacesIfStale(db: Db): Promise<boolean> {
  if (await mostlyAllVisible(db)) return false
  await sql`VACUUM ANALYZE place`.execute(db)
  return true
}
