import { hashPassword } from '../../api/auth/password.js'
import { createAccount } from '../../api/queries/accounts.js'
import { placeRecordToRow } from '../../api/queries/place-rows.js'
import { PlaceRecord } from '../../api/schemas/place-record.js'
import type { App } from '../../api/app.js'
import { testDatabase } from './test-db.js'

let counter = 0
/** A name no other test (or earlier run on the same database) uses. */
export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`

export const ORG_WAITAN = 'waitan-union'
export const ORG_MOBILE = 'china-mobile-jiangbei'
export const PASSWORD = 'correct horse battery'

/** A fresh staff account; PBKDF2 at full strength, as in production. */
export async function createStaff(role: 'admin' | 'editor', organisations: string[] = []) {
  const { db } = await testDatabase()
  const username = uniqueName(role).toLowerCase()
  const id = await createAccount(db, { username, role, passwordHash: await hashPassword(PASSWORD), organisations })
  return { id: id!, username }
}

/** Signs in through the API and returns the Cookie header value for later requests. */
export async function signIn(app: App, username: string, password = PASSWORD): Promise<string> {
  const res = await app.request('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

const createdPlaces = new Set<string>()
/** Remember a place a test created through the API, so removeTestPlaces() takes it away too. */
export const trackPlace = (id: string) => void createdPlaces.add(id)

/**
 * Deletes the places this file created (with their audit and reports), so other test files that count or page
 * through all places see only the sample. Call it in afterAll.
 */
export async function removeTestPlaces() {
  const ids = [...createdPlaces]
  createdPlaces.clear()
  if (!ids.length) return
  const { db } = await testDatabase()
  await db.deleteFrom('place_report').where('place_id', 'in', ids).execute()
  await db.deleteFrom('place_confirmation').where('place_id', 'in', ids).execute()
  await db.deleteFrom('place_audit').where('place_id', 'in', ids).execute()
  await db.deleteFrom('place').where('id', 'in', ids).execute()
}

/** A caring station of its own for a test to change, so tests never disturb each other. */
export async function createTestPlace(organisationId: string | null = ORG_WAITAN, overrides: Record<string, unknown> = {}) {
  const { db } = await testDatabase()
  const id = uniqueName('cs-test')
  const record = PlaceRecord.parse({
    id,
    category: 'caring_station',
    name_zh: '测试爱心驿站',
    location: [121.55, 29.89],
    amenities: ['drinking_water', 'meal_heating'],
    opening_hours: { weekly: { mo: [['08:00', '20:00']] } },
    source: 'test',
    ...(organisationId ? { organisation_id: organisationId } : {}),
    ...overrides,
  })
  await db.insertInto('place').values(placeRecordToRow(record)).execute()
  trackPlace(id)
  return id
}

/** JSON request helper: cookie, If-Match and a same-origin Origin (as a browser sends). */
export function jsonRequest(
  method: string,
  body: unknown,
  opts: { cookie?: string | undefined; ifMatch?: string; origin?: string } = {},
): RequestInit {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Origin: opts.origin ?? 'http://localhost' }
  if (opts.cookie) headers.Cookie = opts.cookie
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch
  return { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) }
}

export async function auditCount(placeId: string): Promise<number> {
  const { db } = await testDatabase()
  const row = await db
    .selectFrom('place_audit')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('place_id', '=', placeId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function placeRow(placeId: string) {
  const { db } = await testDatabase()
  return db.selectFrom('place').selectAll().where('id', '=', placeId).executeTakeFirstOrThrow()
}
