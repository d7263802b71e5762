/**
 * Public one-tap confirmations ("open now", "closed", "this amenity is broken") and what they add up to. The
 * weighing is also implemented in SQL (migration 0021: confirmation_weight, place_likely_closed) so that
 * `open_now` can filter before LIMIT; tests/domain/confirmations-sql.test.ts checks that both agree.
 */
export const CONFIRMATION_KINDS = ['open', 'closed', 'amenity_broken'] as const
export type ConfirmationKind = (typeof CONFIRMATION_KINDS)[number]

/** A confirmation's weight halves every 30 minutes… */
export const HALF_LIFE_MS = 30 * 60_000
/** …and is gone after 24 hours. */
export const WINDOW_MS = 24 * 3_600_000
/** "Closed" must weigh at least this much (one tap within the hour, or several older) to mark a place. */
export const LIKELY_CLOSED_MIN_WEIGHT = 0.25
/** Sums are compared with a margin: SQL and JavaScript may add the same weights in another order. */
const MARGIN = 1e-9

export interface Confirmation {
  kind: ConfirmationKind
  amenity: string | null
  created_at: Date
}

export function confirmationWeight(madeAt: Date, now: Date): number {
  const age = now.getTime() - madeAt.getTime()
  if (age < 0 || age >= WINDOW_MS) return 0
  return 0.5 ** (age / 1000 / (HALF_LIFE_MS / 1000))
}

/**
 * The confirmations that count at `now`: made in the 24 hours up to it, and after the last staff verification
 * (a verification answers what was said before it). A verification later than `now` (an `at=` in the past) is
 * ignored, since only the latest one is kept.
 */
export function countingConfirmations<C extends Confirmation>(list: C[], verifiedAt: Date | null, now: Date): C[] {
  const t = now.getTime()
  const verified = verifiedAt && verifiedAt.getTime() <= t ? verifiedAt.getTime() : -Infinity
  return list.filter((c) => {
    const made = c.created_at.getTime()
    return made <= t && t - made < WINDOW_MS && made > verified
  })
}

function weightOf(list: Confirmation[], kind: ConfirmationKind, now: Date) {
  return list.filter((c) => c.kind === kind).reduce((sum, c) => sum + confirmationWeight(c.created_at, now), 0)
}

/** The rule `place_likely_closed` implements in SQL. */
export function likelyClosed(list: Confirmation[], verifiedAt: Date | null, now: Date): boolean {
  const counting = countingConfirmations(list, verifiedAt, now)
  const closed = weightOf(counting, 'closed', now)
  return closed >= LIKELY_CLOSED_MIN_WEIGHT && closed - weightOf(counting, 'open', now) > MARGIN
}

export interface KindSummary {
  count: number
  last_at: string | null
}
export interface ConfirmationSummary {
  open: KindSummary
  closed: KindSummary
  amenity_broken: Array<{ amenity: string; count: number; last_at: string }>
}

const newest = (list: Confirmation[]) =>
  list.length ? new Date(Math.max(...list.map((c) => c.created_at.getTime()))).toISOString() : null

/** What the public sees ("3 人确认开放 · 12 分钟前"); null when nothing counts. */
export function summariseConfirmations(list: Confirmation[], verifiedAt: Date | null, now: Date): ConfirmationSummary | null {
  const counting = countingConfirmations(list, verifiedAt, now)
  if (!counting.length) return null
  const kind = (k: 'open' | 'closed'): KindSummary => {
    const of = counting.filter((c) => c.kind === k)
    return { count: of.length, last_at: newest(of) }
  }
  const broken = new Map<string, Confirmation[]>()
  for (const c of counting)
    if (c.kind === 'amenity_broken' && c.amenity) broken.set(c.amenity, [...(broken.get(c.amenity) ?? []), c])
  return {
    open: kind('open'),
    closed: kind('closed'),
    amenity_broken: [...broken].map(([amenity, of]) => ({ amenity, count: of.length, last_at: newest(of)! })),
  }
}
