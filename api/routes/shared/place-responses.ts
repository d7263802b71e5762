import type { Context } from 'hono'
import type { Staff } from '../../auth/staff.js'
import type { AppEnv } from '../../context.js'
import { optionalIfMatchVersion } from '../../lib/if-match.js'
import type { FieldConflict } from '../../lib/place-merge.js'
import { ApiError } from '../../lib/problem.js'
import { applyPlaceChange, type EditablePlace } from '../../queries/place-changes.js'
import { getPlace } from '../../queries/places.js'
import { detailView, withFeatureContext } from './place-view.js'

/** The place as the public API shows it now, with its ETag; undefined when there is none. */
async function currentView(c: Context<AppEnv>, id: string) {
  const now = c.get('now')
  const { rows, ctx } = await withFeatureContext(c, now, (calendar) => getPlace(c.get('db'), id, now, calendar).then((r) => [r]))
  const row = rows[0]
  return row ? { row, ...detailView(row, ctx) } : undefined
}

/** The place as GET /api/v1/places/:id shows it, with its ETag set on the response. */
export async function currentPlaceResponse(c: Context<AppEnv>, id: string, status: 200 | 201 = 200) {
  const view = await currentView(c, id)
  if (!view) return c.body(null, 204)
  c.header('ETag', view.etag)
  c.header('Cache-Control', 'no-store')
  return c.json(view.feature, status)
}

/**
 * 412: someone changed the place since the client read it. The current version comes back to merge against, with
 * its ETag, and — for an edit — the fields that conflict: each with the value the editor started from, the
 * current one and theirs.
 */
export async function staleVersion(c: Context<AppEnv>, id: string, conflicts?: FieldConflict[]): Promise<never> {
  const view = await currentView(c, id)
  const fields = conflicts?.map((f) => f.field).join(', ')
  throw new ApiError(
    412,
    conflicts
      ? `Someone changed ${fields} since you loaded this place; compare and send your values again with the current ETag`
      : 'Someone changed this place since you loaded it; compare with the current version and try again',
    {
      ...(conflicts ? { conflicts } : {}),
      current_version: view?.row.version ?? null,
      current: view?.feature ?? null,
      headers: view ? { ETag: view.etag } : {},
    },
  )
}

/**
 * A one-field stamp (verify, delete, restore), guarded by If-Match when the client sends one: applied with its
 * audit entry in one transaction, or 412 when the place changed meanwhile.
 */
export async function stampPlace(
  c: Context<AppEnv>,
  staff: Staff,
  place: EditablePlace,
  action: 'verify' | 'delete' | 'restore',
  field: 'last_verified_at' | 'deleted_at',
  value: Date | null,
): Promise<void> {
  const expected = optionalIfMatchVersion(c.req.header('if-match'), place.id) ?? place.version
  if (expected !== place.version) return staleVersion(c, place.id)
  const version = await applyPlaceChange(c.get('db'), {
    placeId: place.id,
    expectedVersion: expected,
    set: { [field]: value },
    audit: {
      accountId: staff.id,
      username: staff.username,
      action,
      changes: { [field]: { before: place[field], after: value } },
    },
    now: c.get('now'),
  })
  if (version === undefined) await staleVersion(c, place.id)
}
