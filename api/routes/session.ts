import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { clientKey } from '../auth/client-key.js'
import { randomBytes, sha256Hex, toBase64Url } from '../auth/encoding.js'
import { issueDeviceCookie, deviceFor } from '../auth/device-cookie.js'
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from '../auth/password.js'
import { currentStaff, SESSION_COOKIE } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { readJson } from '../lib/json-body.js'
import { ApiError } from '../lib/problem.js'
import { findCredentials, getAccount, upgradePasswordHash } from '../queries/accounts.js'
import { clearRate, countHit, forgiveHit, type RateRule } from '../queries/rate-limit.js'
import { createSession, revokeSession } from '../queries/sessions.js'
import { SignIn } from '../schemas/staff.js'
import { badBody } from '../openapi/common.js'
import { json, PROBLEM_TYPE, problem, route } from '../openapi/describe.js'
import { RateLimitedProblem } from '../schemas/problem.js'
import { SessionState } from '../schemas/staff-responses.js'

export const SESSION_HOURS = 12
/**
 * Sign-in throttle (README, "Security"). Every attempt is counted before its password is checked, in one atomic
 * upsert, so parallel guesses count one each. A browser holding the account's device cookie has its own budget
 * (10 failures per 15 minutes); every other client shares the account's "unknown clients" budget (5 per 15
 * minutes, the lock doubling while guesses continue) and its own address budget (20 per 15 minutes across accounts).
 */
export const LOGIN_PER_DEVICE: RateRule = { bucket: 'login_device', limit: 10, windowSeconds: 15 * 60 }
export const LOGIN_PER_ACCOUNT: RateRule = { bucket: 'login_account', limit: 5, windowSeconds: 15 * 60, backoff: true }
export const LOGIN_PER_CLIENT: RateRule = { bucket: 'login_client', limit: 20, windowSeconds: 15 * 60 }

export const sessionRoutes = new Hono<AppEnv>()

sessionRoutes.post(
  '/',
  route({
    operationId: 'signIn',
    summary: 'Sign in (sets an HttpOnly cookie)',
    tags: ['staff'],
    body: { content: { 'application/json': SignIn } },
    responses: {
      201: json('Signed in', SessionState),
      401: problem('Wrong username or password'),
      429: {
        ...json('Too many failures; Retry-After says when', RateLimitedProblem, PROBLEM_TYPE),
        headers: { 'Retry-After': { description: 'Seconds to wait' } },
      },
      ...badBody(),
    },
  }),
  async (c) => {
    const db = c.get('db')
    const now = c.get('now')
    const { username, password } = await readJson(c, SignIn)
    const device = await deviceFor(c, db, username)
    const client = await clientKey(db, c.get('clientAddress'))
    const counted: [RateRule, string][] = device
      ? [[LOGIN_PER_DEVICE, device]]
      : [
          [LOGIN_PER_ACCOUNT, username],
          [LOGIN_PER_CLIENT, client],
        ]
    const states = await Promise.all(counted.map(([rule, key]) => countHit(db, rule, key, now)))
    const limited = states.filter((s) => s.limited)
    if (limited.length) {
      const retryAfter = Math.max(...limited.map((s) => s.retryAfter))
      throw new ApiError(429, 'Too many failed sign-ins; wait and try again', {
        retry_after: retryAfter,
        headers: { 'Retry-After': String(retryAfter) },
      })
    }
    const account = await findCredentials(db, username)
    // Unknown users cost the same PBKDF2 work as a wrong password, so timing does not reveal who exists.
    const valid = await verifyPassword(password, account?.password_hash ?? DUMMY_HASH)
    if (!account || !valid) throw new ApiError(401, 'Wrong username or password')
    // A right password: the account's failures are forgiven, and this attempt does not count against the address.
    if (device) await clearRate(db, LOGIN_PER_DEVICE, device)
    else await Promise.all([clearRate(db, LOGIN_PER_ACCOUNT, username), forgiveHit(db, LOGIN_PER_CLIENT, client)])
    // A hash made at a lower cost than today's is replaced while the password is at hand.
    if (needsRehash(account.password_hash))
      await upgradePasswordHash(db, String(account.id), username, account.password_hash, await hashPassword(password), now)
    const token = toBase64Url(randomBytes(32))
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
    await createSession(db, { tokenHash: await sha256Hex(token), accountId: String(account.id), now, expiresAt })
    const secure = c.get('https')
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    }) // relative: a client's clock need not agree with ours
    await issueDeviceCookie(c, db, username, device, secure)
    return c.json({ account: await getAccount(db, String(account.id)), expires_at: expiresAt.toISOString() }, 201)
  },
)

sessionRoutes.get(
  '/',
  route({
    operationId: 'getSession',
    summary: 'Who is signed in (account null if nobody)',
    tags: ['staff'],
    responses: { 200: json('Session', SessionState) },
  }),
  async (c) => c.json({ account: (await currentStaff(c)) ?? null }),
)

sessionRoutes.delete(
  '/',
  route({
    operationId: 'signOut',
    summary: 'Sign out (revokes the token)',
    tags: ['staff'],
    responses: { 204: { description: 'Signed out' } },
  }),
  async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token && token.length <= 100) await revokeSession(c.get('db'), await sha256Hex(token), c.get('now'))
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: c.get('https') })
    return c.body(null, 204)
  },
)
