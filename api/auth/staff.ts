import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../context.js'
import { ApiError } from '../lib/problem.js'
import { getAccount, type StaffAccount } from '../queries/accounts.js'
import { findSessionAccountId } from '../queries/sessions.js'
import { sha256Hex } from './encoding.js'

export const SESSION_COOKIE = 'waystation_session'
export type Staff = StaffAccount

/** The signed-in staff member of this request, or `undefined` (no, expired or revoked session). */
export async function currentStaff(c: Context<AppEnv>): Promise<Staff | undefined> {
  const token = getCookie(c, SESSION_COOKIE)
  if (!token || token.length > 100) return undefined
  const db = c.get('db')
  const accountId = await findSessionAccountId(db, await sha256Hex(token), c.get('now'))
  return accountId ? getAccount(db, accountId) : undefined
}

/** 401 unless someone is signed in. */
export async function requireStaff(c: Context<AppEnv>): Promise<Staff> {
  const staff = await currentStaff(c)
  if (!staff) throw new ApiError(401, 'Sign in first', { headers: { 'WWW-Authenticate': 'Cookie realm="staff"' } })
  return staff
}

export async function requireAdmin(c: Context<AppEnv>): Promise<Staff> {
  const staff = await requireStaff(c)
  if (staff.role !== 'admin') throw new ApiError(403, 'Only an administrator may do this')
  return staff
}

/** Admins edit every place; editors only those of their organisations. */
export function canEditPlace(staff: Staff, organisationId: string | null): boolean {
  return staff.role === 'admin' || (organisationId !== null && staff.organisations.includes(organisationId))
}

export function requirePlaceEditor(staff: Staff, organisationId: string | null): void {
  if (!canEditPlace(staff, organisationId)) throw new ApiError(403, 'This place belongs to an organisation you do not edit')
}
