import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Context } from 'hono'
import { clientKey } from '../auth/client-key.js'
import { randomBytes, sha256Hex, toBase64Url } from '../auth/encoding.js'
import { DUMMY_HASH, verifyPassword } from '../auth/password.js'
import { currentStaff, SESSION_COOKIE } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { readJson } from '../lib/json-body.js'
import { ApiError } from '../lib/problem.js'
import { findCredentials, getAccount } from '../queries/accounts.js'
import { checkRate, clearRate, countHit, type RateRule } from '../queries/rate-limit.js'
import { createSession, revokeSession } from '../queries/sessions.js'
import { SignIn } from '../schemas/staff.js'
import { badBody } from '../openapi/common.js'
import { json, PROBLEM_TYPE, problem, route } from '../openapi/describe.js'
import { RateLimitedProblem } from '../schemas/problem.js'
import { SessionState } from '../schemas/staff-responses.js'

export const SESSION_HOURS = 12
/** 5 wrong passwords lock the account for the rest of a 15-minute window; a client gets 20 across accounts. */
export const LOGIN_PER_ACCOUNT: RateRule = { bucket: 'login_account', limit: 5, windowSeconds: 15 * 60 }
export const LOGIN_PER_CLIENT: RateRule = { bucket: 'login_client', limit: 20, windowSeconds: 15 * 60 }

export const sessionRoutes = new Hono<AppEnv>()

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'

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
    const client = await clientKey(db, c.get('clientAddress'))
    for (const [rule, key] of [
      [LOGIN_PER_ACCOUNT, username],
      [LOGIN_PER_CLIENT, client],
    ] as const) {
      const state = await checkRate(db, rule, key, now)
      if (state.limited)
        throw new ApiError(429, 'Too many failed sign-ins; wait and try again', {
          retry_after: state.retryAfter,
          headers: { 'Retry-After': String(state.retryAfter) },
        })
    }
    const account = await findCredentials(db, username)
    // Unknown users cost the same PBKDF2 work as a wrong password, so timing does not reveal who exists.
    const valid = await verifyPassword(password, account?.password_hash ?? DUMMY_HASH)
    if (!account || !valid) {
      await countHit(db, LOGIN_PER_ACCOUNT, username, now)
      await countHit(db, LOGIN_PER_CLIENT, client, now)
      throw new ApiError(401, 'Wrong username or password')
    }
    await clearRate(db, LOGIN_PER_ACCOUNT, username)
    const token = toBase64Url(randomBytes(32))
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
    await createSession(db, { tokenHash: await sha256Hex(token), accountId: String(account.id), now, expiresAt })
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c),
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    }) // relative: a client's clock need not agree with ours
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
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c) })
    return c.body(null, 204)
  },
)
