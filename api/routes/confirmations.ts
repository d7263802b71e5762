import { Hono } from 'hono'
import { clientKey } from '../auth/client-key.js'
import { placeForStaff } from '../auth/place-access.js'
import { requireStaff } from '../auth/staff.js'
import type { AppEnv } from '../context.js'
import { confirmationWeight, countingConfirmations } from '../domain/confirmations.js'
import { readJson } from '../lib/json-body.js'
import { ApiError } from '../lib/problem.js'
import { confirmationTimeline, insertConfirmation, placeLikelyClosed } from '../queries/confirmations.js'
import { loadEditablePlace } from '../queries/place-changes.js'
import { getPlace } from '../queries/places.js'
import { countHit, type RateRule } from '../queries/rate-limit.js'
import { PlaceId } from '../schemas/place-record.js'
import { NewConfirmationBody } from '../schemas/confirmations.js'
import { detailView, withFeatureContext } from './shared/place-view.js'
import { badBody, denied, placeIdParams } from '../openapi/common.js'
import { json, problem, route } from '../openapi/describe.js'
import { ConfirmationCreated, ConfirmationTimeline } from '../schemas/confirmations.js'

/**
 * Limits, all counted by salted hashes (no address is stored): a client (one address; many riders can share a
 * carrier's address, hence not 1) may say something about one place 3 times in 10 minutes and 30 times an hour
 * in all, and a place takes 60 an hour, so no one script can outweigh the people standing at the door.
 */
export const CONFIRMATION_LIMITS: RateRule[] = [
  { bucket: 'confirm_client', limit: 30, windowSeconds: 3600 },
  { bucket: 'confirm_client_place', limit: 3, windowSeconds: 600 },
  { bucket: 'confirm_place', limit: 60, windowSeconds: 3600 },
]

/** Public one-tap confirmations, and the staff's timeline of them. */
export const confirmationRoutes = new Hono<AppEnv>()

confirmationRoutes.post(
  '/:id/confirmations',
  route({
    operationId: 'confirmPlace',
    summary: 'Say the place is open now, closed now, or that one amenity is not working (no account)',
    description:
      'Nothing about the person is stored (no account, no position, no address). Rate limited per connection (hashed), per ' +
      'connection and place, and per place. Confirmations fade: their weight halves every 30 minutes and is gone after 24 h.',
    tags: ['places'],
    params: placeIdParams,
    body: { content: { 'application/json': NewConfirmationBody } },
    responses: {
      201: json('Recorded; the place as the public now sees it', ConfirmationCreated),
      404: problem('No such place'),
      429: problem('Too many from this connection or for this place; Retry-After says when'),
      ...badBody('Wrong body type'),
    },
  }),
  async (c) => {
    const id = PlaceId.safeParse(c.req.param('id'))
    const db = c.get('db')
    const now = c.get('now')
    const place = id.success ? await loadEditablePlace(db, id.data) : undefined
    if (!place || place.deleted_at) throw new ApiError(404, `No place with id '${c.req.param('id').slice(0, 80)}'`)
    const body = await readJson(c, NewConfirmationBody)
    if (body.amenity && !place.amenities.includes(body.amenity))
      throw new ApiError(422, 'Invalid body: amenity', {
        errors: [{ field: 'amenity', message: 'this place has no such amenity' }],
      })
    const client = await clientKey(db, c.get('clientAddress'))
    const keys = [client, `${client}:${place.id}`, place.id]
    for (const [i, rule] of CONFIRMATION_LIMITS.entries()) {
      const rate = await countHit(db, rule, keys[i]!, now)
      if (rate.limited)
        throw new ApiError(429, 'Thank you — we already have enough from your connection for now; try again later', {
          headers: { 'Retry-After': String(rate.retryAfter) },
        })
    }
    const confirmationId = await insertConfirmation(db, {
      placeId: place.id,
      kind: body.kind,
      amenity: body.amenity ?? null,
      now,
    })
    const { rows, ctx } = await withFeatureContext(c, now, (calendar) => getPlace(db, place.id, now, calendar).then((r) => [r]))
    const { feature } = detailView(rows[0]!, ctx)
    return c.json(
      {
        id: confirmationId,
        confirmations: feature.properties.confirmations,
        likely_closed: feature.properties.likely_closed,
        open_now: feature.properties.open_now,
      },
      201,
    )
  },
)

confirmationRoutes.get(
  '/:id/confirmations',
  route({
    operationId: 'confirmationTimeline',
    summary: 'Every public confirmation of a place with its weight now (staff)',
    tags: ['staff'],
    security: ['staffSession'],
    params: placeIdParams,
    responses: {
      200: json('Timeline, newest first', ConfirmationTimeline),
      ...denied('Not allowed (not an administrator / other organisation)'),
      404: problem('No such place'),
    },
  }),
  async (c) => {
    const staff = await requireStaff(c)
    const place = await placeForStaff(c, staff, { deleted: 'include' })
    const db = c.get('db')
    const now = c.get('now')
    const [entries, likelyClosed] = await Promise.all([confirmationTimeline(db, place.id), placeLikelyClosed(db, place.id, now)])
    const verified = place.last_verified_at === null ? null : new Date(place.last_verified_at)
    const counting = new Set(
      countingConfirmations(
        entries.map((e) => ({ ...e, created_at: new Date(e.created_at) })),
        verified,
        now,
      ).map((e) => e.id),
    )
    c.header('Cache-Control', 'no-store')
    return c.json({
      place_id: place.id,
      last_verified_at: verified?.toISOString() ?? null,
      likely_closed: likelyClosed,
      entries: entries.map((e) => ({
        ...e,
        weight: counting.has(e.id) ? Math.round(confirmationWeight(new Date(e.created_at), now) * 1000) / 1000 : 0,
      })),
    })
  },
)
