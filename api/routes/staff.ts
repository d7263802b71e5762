import { Hono, type Context } from 'hono'
import { hashPassword } from '../auth/password.js'
import { requireAdmin, requireStaff } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { readJson } from '../lib/json-body.js'
import { ApiError } from '../lib/problem.js'
import { createAccount, getAccount, listAccounts, listOrganisations, updateAccount } from '../queries/accounts.js'
import { listStaffPlaces, STALE_AFTER_DAYS } from '../queries/staff-places.js'
import { AccountChangeBody, NewAccountBody } from '../schemas/staff.js'
import { badBody, denied } from '../openapi/common.js'
import { json, problem, route } from '../openapi/describe.js'
import { AccountList, AccountResult, OrganisationList, StaffPlaceList } from '../schemas/staff-responses.js'

/** Staff-only reads (my places, organisations) and account management for administrators. */
export const staffRoutes = new Hono<AppEnv>()

staffRoutes.use('*', async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
})

staffRoutes.get(
  '/places',
  route({
    operationId: 'myPlaces',
    summary: 'Places I look after',
    tags: ['staff'],
    security: ['staffSession'],
    responses: { 200: json('Places', StaffPlaceList), 401: problem('Not signed in') },
  }),
  async (c) => {
    const staff = await requireStaff(c)
    return c.json({ stale_after_days: STALE_AFTER_DAYS, places: await listStaffPlaces(c.get('db'), staff, c.get('now')) })
  },
)

staffRoutes.get(
  '/organisations',
  route({
    operationId: 'listOrganisations',
    summary: 'Organisations',
    tags: ['staff'],
    security: ['staffSession'],
    responses: { 200: json('Organisations', OrganisationList), 401: problem('Not signed in') },
  }),
  async (c) => {
    await requireStaff(c)
    return c.json({ organisations: await listOrganisations(c.get('db')) })
  },
)

staffRoutes.get(
  '/accounts',
  route({
    operationId: 'listAccounts',
    summary: 'Staff accounts (admin)',
    tags: ['staff'],
    security: ['staffSession'],
    responses: { 200: json('Accounts', AccountList), ...denied() },
  }),
  async (c) => {
    await requireAdmin(c)
    return c.json({ accounts: await listAccounts(c.get('db')) })
  },
)

async function checkOrganisations(c: Context<AppEnv>, ids: string[] | undefined) {
  if (!ids?.length) return
  const known = new Set((await listOrganisations(c.get('db'))).map((o) => o.id))
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length)
    throw new ApiError(422, `Unknown organisations: ${unknown.join(', ')}`, {
      errors: [{ field: 'organisations', message: 'no such organisation' }],
    })
}

staffRoutes.post(
  '/accounts',
  route({
    operationId: 'createAccount',
    summary: 'Create an account (admin)',
    tags: ['staff'],
    security: ['staffSession'],
    body: { content: { 'application/json': NewAccountBody } },
    responses: { 201: json('Created', AccountResult), ...denied(), 409: problem('Username taken'), ...badBody() },
  }),
  async (c) => {
    const admin = await requireAdmin(c)
    const body = await readJson(c, NewAccountBody)
    await checkOrganisations(c, body.organisations)
    const id = await createAccount(
      c.get('db'),
      {
        username: body.username,
        role: body.role,
        passwordHash: await hashPassword(body.password),
        organisations: body.organisations,
      },
      { actor: { accountId: admin.id, username: admin.username }, now: c.get('now') },
    )
    if (!id) throw new ApiError(409, `The username '${body.username}' is taken`)
    return c.json({ account: await getAccount(c.get('db'), id) }, 201)
  },
)

staffRoutes.patch(
  '/accounts/:id',
  route({
    operationId: 'updateAccount',
    summary: 'Change role, organisations, password or disable (admin)',
    tags: ['staff'],
    security: ['staffSession'],
    body: { content: { 'application/json': AccountChangeBody } },
    responses: {
      200: json('Updated', AccountResult),
      ...denied(),
      404: problem('No such account'),
      409: problem('Cannot disable or demote yourself'),
      ...badBody(),
    },
  }),
  async (c) => {
    const admin = await requireAdmin(c)
    const id = c.req.param('id')
    if (!/^\d{1,18}$/.test(id)) throw new ApiError(404, 'No such account')
    const body = await readJson(c, AccountChangeBody)
    if (id === admin.id && (body.disabled || body.role === 'editor'))
      throw new ApiError(409, 'You cannot disable or demote your own account')
    await checkOrganisations(c, body.organisations)
    const passwordHash = body.password ? await hashPassword(body.password) : undefined
    const found = await updateAccount(
      c.get('db'),
      id,
      { role: body.role, disabled: body.disabled, organisations: body.organisations, passwordHash },
      c.get('now'),
      { accountId: admin.id, username: admin.username },
    )
    if (!found) throw new ApiError(404, 'No such account')
    return c.json({ account: await getAccount(c.get('db'), id) })
  },
)
