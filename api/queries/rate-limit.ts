import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

export interface RateRule {
  bucket: string
  /** Hits allowed per window. */
  limit: number
  windowSeconds: number
  /**
   * Growing delays: each further `limit` hits inside a window double it (up to 2^6 = 64 windows), so a
   * guesser who keeps going while locked out only lengthens the lockout.
   */
  backoff?: boolean
}

export interface RateState {
  limited: boolean
  /** Seconds until the window ends (for Retry-After). */
  retryAfter: number
  hits: number
}

const MAX_DOUBLINGS = 6

function windowMs(rule: RateRule, hits: number): number {
  const doublings = rule.backoff ? Math.min(Math.max(Math.floor(hits / rule.limit) - 1, 0), MAX_DOUBLINGS) : 0
  return rule.windowSeconds * 1000 * 2 ** doublings
}

function stateOf(rule: RateRule, row: { hits: number; window_start: Date } | undefined, now: Date, counted: boolean): RateState {
  if (!row) return { limited: false, retryAfter: 0, hits: 0 }
  const endsMs = new Date(row.window_start).getTime() + windowMs(rule, row.hits)
  const live = endsMs > now.getTime()
  const hits = live ? row.hits : 0
  return {
    // A counted hit is allowed while it is still within the limit; a check passes while there is room left.
    limited: live && (counted ? row.hits > rule.limit : row.hits >= rule.limit),
    retryAfter: live ? Math.ceil((endsMs - now.getTime()) / 1000) : 0,
    hits,
  }
}

/** Whether `key` has used up its window, without counting this request. */
export async function checkRate(db: Db, rule: RateRule, key: string, now: Date): Promise<RateState> {
  const row = await db
    .selectFrom('rate_limit')
    .select(['hits', 'window_start'])
    .where('bucket', '=', rule.bucket)
    .where('key', '=', key)
    .executeTakeFirst()
  return stateOf(rule, row, now, false)
}

/**
 * Counts one hit and reads the count back in one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING; the row
 * lock serialises concurrent upserts), so N parallel requests see counts 1…N and at most `limit` get through.
 * Count first, then decide: checking before counting lets a burst all pass the check.
 */
export async function countHit(db: Db, rule: RateRule, key: string, now: Date): Promise<RateState> {
  const doublingCap = rule.backoff ? MAX_DOUBLINGS : 0
  const expired = sql<boolean>`rate_limit.window_start <= ${now}::timestamptz - make_interval(secs => ${rule.windowSeconds}::float8 * power(2, LEAST(GREATEST(rate_limit.hits / ${rule.limit}::int - 1, 0), ${doublingCap}::int)))`
  const row = await db
    .insertInto('rate_limit')
    .values({ bucket: rule.bucket, key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'key']).doUpdateSet({
        hits: sql<number>`CASE WHEN ${expired} THEN 1 ELSE rate_limit.hits + 1 END`,
        window_start: sql<Date>`CASE WHEN ${expired} THEN ${now}::timestamptz ELSE rate_limit.window_start END`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow()
  // Old counters are useless; trimming them here keeps the table small without a scheduled job.
  if (Math.random() < 0.02)
    await db
      .deleteFrom('rate_limit')
      .where('window_start', '<', new Date(now.getTime() - 7 * 86_400_000))
      .execute()
  return stateOf(rule, row, now, true)
}

/** Takes back one counted hit (a request that turned out to be legitimate, e.g. a right password). */
export async function forgiveHit(db: Db, rule: RateRule, key: string): Promise<void> {
  await db
    .updateTable('rate_limit')
    .set({ hits: sql<number>`GREATEST(hits - 1, 0)` })
    .where('bucket', '=', rule.bucket)
    .where('key', '=', key)
    .execute()
}

export async function clearRate(db: Db, rule: RateRule, key: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('bucket', '=', rule.bucket).where('key', '=', key).execute()
}
