import type { Db } from '../db/schema.js'
import { randomBytes, sha256Hex, toHex } from './encoding.js'

const SALT_NAME = 'client_key_salt'
const salts = new WeakMap<Db, Promise<string>>()

/** A random salt made once per database, so client keys are stable across restarts but not reversible. */
function clientKeySalt(db: Db): Promise<string> {
  let salt = salts.get(db)
  if (!salt) {
    salt = (async () => {
      await db
        .insertInto('app_secret')
        .values({ name: SALT_NAME, value: toHex(randomBytes(32)) })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute()
      const row = await db.selectFrom('app_secret').select('value').where('name', '=', SALT_NAME).executeTakeFirstOrThrow()
      return row.value
    })()
    salt.catch(() => salts.delete(db))
    salts.set(db, salt)
  }
  return salt
}

/** IPv6 users usually hold a whole /64, so that is one client; IPv4 addresses are taken whole. */
function networkOf(address: string): string {
  if (!address.includes(':')) return address
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  return address.toLowerCase().split(':').slice(0, 4).join(':')
}

/**
 * The key rate limits count a client by: a salted SHA-256 of its network address. The address itself is
 * never stored or logged (the salt makes the 2^32 IPv4 space impossible to enumerate back).
 */
export async function clientKey(db: Db, address: string | undefined): Promise<string> {
  const salt = await clientKeySalt(db)
  return (await sha256Hex(`${salt}:${networkOf(address ?? 'unknown')}`)).slice(0, 32)
}
