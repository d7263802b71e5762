import type { Db } from '../db/schema.js'
import { randomBytes, toHex } from './encoding.js'

const secrets = new WeakMap<Db, Map<string, Promise<string>>>()

/**
 * A random 256-bit value (hex) made once per database under `name` and kept in app_secret, so it survives
 * restarts and is shared by every server on the database, yet is never in the repository or the environment.
 */
export function appSecret(db: Db, name: string): Promise<string> {
  let byName = secrets.get(db)
  if (!byName) secrets.set(db, (byName = new Map<string, Promise<string>>()))
  let secret = byName.get(name)
  if (!secret) {
    secret = (async () => {
      await db
        .insertInto('app_secret')
        .values({ name, value: toHex(randomBytes(32)) })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute()
      const row = await db.selectFrom('app_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow()
      return row.value
    })()
    secret.catch(() => byName.delete(name))
    byName.set(name, secret)
  }
  return secret
}
