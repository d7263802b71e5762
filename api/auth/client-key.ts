import type { Db } from '../db/schema.js'
import { appSecret } from './app-secret.js'
import { sha256Hex } from './encoding.js'

const clientKeySalt = (db: Db) => appSecret(db, 'client_key_salt')

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
