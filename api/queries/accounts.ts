import type { Db } from '../db/schema.js'
import { diffFields } from '../lib/place-diff.js'
import { recordStaffAudit, type Actor } from './staff-audit.js'

export interface StaffAccount {
  id: string
  username: string
  role: 'admin' | 'editor'
  organisations: string[]
  disabled_at: Date | null
  created_at: Date
}

function accounts(db: Db) {
  return db.selectFrom('staff_account as s').select((eb) => [
    's.id',
    's.username',
    's.role',
    's.disabled_at',
    's.created_at',
    eb.fn
      .coalesce(
        eb
          .selectFrom('staff_account_organisation as so')
          .whereRef('so.account_id', '=', 's.id')
          .select((e) => e.fn.agg<string[]>('array_agg', ['so.organisation_id']).as('orgs')),
        eb.val<string[]>([]),
      )
      .as('organisations'),
  ])
}

export async function listAccounts(db: Db): Promise<StaffAccount[]> {
  return (await accounts(db).orderBy('s.username').execute()).map(normalise)
}

export async function getAccount(db: Db, id: string): Promise<StaffAccount | undefined> {
  const row = await accounts(db).where('s.id', '=', id).executeTakeFirst()
  return row && normalise(row)
}

const normalise = (row: Omit<StaffAccount, 'organisations'> & { organisations: string[] | null }): StaffAccount => ({
  ...row,
  id: String(row.id),
  organisations: [...(row.organisations ?? [])].sort(),
})

export async function findCredentials(db: Db, username: string) {
  return db
    .selectFrom('staff_account')
    .select(['id', 'password_hash'])
    .where('username', '=', username)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
}

export interface NewAccount {
  username: string
  role: 'admin' | 'editor'
  passwordHash: string
  organisations: string[]
}

/**
 * Inserts the account and its organisations together; `undefined` when the username is taken. With an `audit`
 * (who, when) the creation is recorded in staff_audit in the same transaction (never the password or its hash).
 */
export async function createAccount(
  db: Db,
  account: NewAccount,
  audit?: { actor: Actor; now: Date },
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('staff_account')
      .values({ username: account.username, role: account.role, password_hash: account.passwordHash })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) return undefined
    await setOrganisations(trx, String(row.id), account.organisations)
    if (audit)
      await recordStaffAudit(trx, {
        actor: audit.actor,
        action: 'account_create',
        subject: `account:${row.id}`,
        changes: diffFields(
          {},
          { username: account.username, role: account.role, organisations: [...account.organisations].sort() },
        ),
        now: audit.now,
      })
    return String(row.id)
  })
}

export async function setOrganisations(db: Db, accountId: string, organisations: string[]) {
  await db.deleteFrom('staff_account_organisation').where('account_id', '=', accountId).execute()
  if (organisations.length)
    await db
      .insertInto('staff_account_organisation')
      .values(organisations.map((o) => ({ account_id: accountId, organisation_id: o })))
      .execute()
}

export interface AccountChange {
  role?: 'admin' | 'editor' | undefined
  passwordHash?: string | undefined
  disabled?: boolean | undefined
  organisations?: string[] | undefined
}

/** What an account change can touch, as the audit records it. */
async function accountState(db: Db, id: string) {
  const row = await db.selectFrom('staff_account').select(['role', 'disabled_at']).where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const orgs = await db
    .selectFrom('staff_account_organisation')
    .select('organisation_id')
    .where('account_id', '=', id)
    .orderBy('organisation_id')
    .execute()
  return { role: row.role, disabled: row.disabled_at !== null, organisations: orgs.map((o) => o.organisation_id) }
}

/**
 * Applies an admin's change with its staff_audit row in one transaction; disabling or a new password also ends the
 * account's sessions. A new password is recorded as `password_reset`, never the password or its hash.
 */
export async function updateAccount(db: Db, id: string, change: AccountChange, now: Date, actor?: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await accountState(trx, id)
    if (!before) return false
    const set = {
      ...(change.role ? { role: change.role } : {}),
      ...(change.passwordHash ? { password_hash: change.passwordHash } : {}),
      ...(change.disabled !== undefined
        ? { disabled_at: change.disabled === before.disabled ? undefined : change.disabled ? now : null }
        : {}),
    }
    const columns = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined))
    if (Object.keys(columns).length) await trx.updateTable('staff_account').set(columns).where('id', '=', id).execute()
    if (change.organisations) await setOrganisations(trx, id, change.organisations)
    if (change.disabled || change.passwordHash)
      await trx
        .updateTable('staff_session')
        .set({ revoked_at: now })
        .where('account_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute()
    const after = await accountState(trx, id)
    const changes = diffFields(before, after!)
    if (change.passwordHash) changes.password_reset = { before: false, after: true }
    if (actor && Object.keys(changes).length)
      await recordStaffAudit(trx, { actor, action: 'account_change', subject: `account:${id}`, changes, now })
    return true
  })
}

export async function listOrganisations(db: Db) {
  return db.selectFrom('organisation').select(['id', 'name_zh', 'name_en']).orderBy('id').execute()
}

/**
 * Replaces a hash made at a lower cost with `newHash` (same password) at sign-in, only if it is still the one
 * read (an admin's password reset in between wins), with a staff_audit row naming the costs (never the hashes).
 */
export async function upgradePasswordHash(db: Db, id: string, username: string, oldHash: string, newHash: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('staff_account')
      .set({ password_hash: newHash })
      .where('id', '=', id)
      .where('password_hash', '=', oldHash)
      .executeTakeFirst()
    if (!updated.numUpdatedRows) return
    const cost = (hash: string) => Number(hash.split('$')[1]) || null
    await recordStaffAudit(trx, {
      actor: { accountId: id, username },
      action: 'account_change',
      subject: `account:${id}`,
      changes: { password_iterations: { before: cost(oldHash), after: cost(newHash) } },
      now,
    })
  })
}
