import type { Db } from '../db/schema.js'

export async function createSession(db: Db, session: { tokenHash: string; accountId: string; now: Date; expiresAt: Date }) {
  await db
    .insertInto('staff_session')
    .values({
      token_hash: session.tokenHash,
      account_id: session.accountId,
      created_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute()
}

/** The signed-in account of a live session: not expired, not revoked, account not disabled. */
export async function findSessionAccountId(db: Db, tokenHash: string, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('staff_session as ss')
    .innerJoin('staff_account as s', 's.id', 'ss.account_id')
    .select('s.id')
    .where('ss.token_hash', '=', tokenHash)
    .where('ss.revoked_at', 'is', null)
    .where('ss.expires_at', '>', now)
    .where('s.disabled_at', 'is', null)
    .executeTakeFirst()
  return row ? String(row.id) : undefined
}

export async function revokeSession(db: Db, tokenHash: string, now: Date) {
  await db
    .updateTable('staff_session')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute()
}
