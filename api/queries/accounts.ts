import type { Db } from '../db/schema.js'

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

/** Inserts the account and its organisations together; `undefined` when the username is taken. */
export async function createAccount(db: Db, account: NewAccount): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('staff_account')
      .values({ username: account.username, role: account.role, password_hash: account.passwordHash })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) return undefined
    await setOrganisations(trx, String(row.id), account.organisations)
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

/** Applies an admin's change; disabling or a new password also ends the account's sessions. */
export async function updateAccount(db: Db, id: string, change: AccountChange, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const set = {
      ...(change.role ? { role: change.role } : {}),
      ...(change.passwordHash ? { password_hash: change.passwordHash } : {}),
      ...(change.disabled !== undefined ? { disabled_at: change.disabled ? now : null } : {}),
    }
    const exists = Object.keys(set).length
      ? Number((await trx.updateTable('staff_account').set(set).where('id', '=', id).executeTakeFirst()).numUpdatedRows) > 0
      : Boolean(await trx.selectFrom('staff_account').select('id').where('id', '=', id).executeTakeFirst())
    if (!exists) return false
    if (change.organisations) await setOrganisations(trx, id, change.organisations)
    if (change.disabled || change.passwordHash)
      await trx
        .updateTable('staff_session')
        .set({ revoked_at: now })
        .where('account_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute()
    return true
  })
}

export async function listOrganisations(db: Db) {
  return db.selectFrom('organisation').select(['id', 'name_zh', 'name_en']).orderBy('id').execute()
}
