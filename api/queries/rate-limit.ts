import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

export interface RateRule {
  bucket: string
  /** Hits allowed per window. */
  limit: number
  windowSeconds: number
}

export interface RateState {
  limited: boolean
  /** Seconds until the window ends (for Retry-After). */
  retryAfter: number
}

function stateOf(rule: RateRule, row: { hits: number; window_start: Date } | undefined, now: Date): RateState {
  if (!row) return { limited: false, retryAfter: 0 }
  const endsMs = new Date(row.window_start).getTime() + rule.windowSeconds * 1000
  const live = endsMs > now.getTime()
  return { limited: live && row.hits >= rule.limit, retryAfter: live ? Math.ceil((endsMs - now.getTime()) / 1000) : 0 }
}

/** Whether `key` has used up its window, without counting this request. */
export async function checkRate(db: Db, rule: RateRule, key: string, now: Date): Promise<RateState> {
  const row = await db
    .selectFrom('rate_limit')
    .select(['hits', 'window_start'])
    .where('bucket', '=', rule.bucket)
    .where('key', '=', key)
    .executeTakeFirst()
  return stateOf(rule, row, now)
}

/** Counts one hit atomically (one upsert: concurrent requests cannot both slip under the limit). */
export async function countHit(db: Db, rule: RateRule, key: string, now: Date): Promise<RateState> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000)
  const row = await db
    .insertInto('rate_limit')
    .values({ bucket: rule.bucket, key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'key']).doUpdateSet({
        hits: sql<number>`CASE WHEN rate_limit.window_start <= ${windowStart} THEN 1 ELSE rate_limit.hits + 1 END`,
        window_start: sql<Date>`CASE WHEN rate_limit.window_start <= ${windowStart} THEN ${now} ELSE rate_limit.window_start END`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow()
  // Old counters are useless; trimming them here keeps the table small without a scheduled job.
  if (Math.random() < 0.02)
    await db
      .deleteFrom('rate_limit')
      .where('window_start', '<', new Date(now.getTime() - 86_400_000))
      .execute()
  return { limited: row.hits > rule.limit, retryAfter: stateOf(rule, row, now).retryAfter }
}

export async function clearRate(db: Db, rule: RateRule, key: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('bucket', '=', rule.bucket).where('key', '=', key).execute()
}
