/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that has signed in
 * to an account carries a cookie, signed by the server, that names that account and a random device id. A
 * sign-in that presents it is counted against that device alone, so guesses from elsewhere (which lock the
 * account for unknown clients) never lock out staff on their usual browser.
 */
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { Db } from '../db/schema.js'
import { appSecret } from './app-secret.js'
import { constantTimeEqual, fromBase64Url, randomBytes, toBase64Url } from './encoding.js'

export const DEVICE_COOKIE = 'ws_device'
const DEVICE_DAYS = 180
const keys = new WeakMap<Db, Promise<CryptoKey>>()

function signingKey(db: Db): Promise<CryptoKey> {
  let key = keys.get(db)
  if (!key) {
    key = appSecret(db, 'device_cookie_key').then((hex) =>
      crypto.subtle.importKey(
        'raw',
        new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16))),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      ),
    )
    key.catch(() => keys.delete(db))
    keys.set(db, key)
  }
  return key
}

async function signature(db: Db, username: string, device: string): Promise<Uint8Array> {
  const bytes = new TextEncoder().encode(`device-cookie\n${username}\n${device}`)
  return new Uint8Array(await crypto.subtle.sign('HMAC', await signingKey(db), bytes))
}

/** The device id of the request's device cookie when it was issued for `username`; otherwise undefined. */
export async function deviceFor(c: Context, db: Db, username: string): Promise<string | undefined> {
  const cookie = getCookie(c, DEVICE_COOKIE)
  const match = cookie && cookie.length <= 200 ? /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null
  if (!match) return undefined
  // Both groups always take part in a match: the defaults are never used.
  const [, device = '', sig = ''] = match
  let given: Uint8Array
  try {
    given = fromBase64Url(sig)
  } catch {
    return undefined
  }
  return constantTimeEqual(await signature(db, username, device), given) ? device : undefined
}

/** Gives the browser a device cookie for `username` (its existing device id kept, so its budget stays its own). */
export async function issueDeviceCookie(c: Context, db: Db, username: string, device: string | undefined, secure: boolean) {
  const id = device ?? toBase64Url(randomBytes(16))
  setCookie(c, DEVICE_COOKIE, `${id}.${toBase64Url(await signature(db, username, id))}`, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/api/v1/session',
    maxAge: DEVICE_DAYS * 86_400,
  })
}
