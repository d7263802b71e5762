import { z } from 'zod'
import { PlaceDetailFeature } from '../schemas/place-feature.js'
import { PlaceId } from '../schemas/place-record.js'
import { StaleProblem } from '../schemas/problem.js'
import { json, PROBLEM_TYPE, problem, type ResponseSpec } from './describe.js'

/** Pieces many route contracts share. */
export const placeIdParams = z.object({ id: PlaceId })

export const denied = (forbidden = 'Not allowed (other organisation, not an admin, or a cross-origin write)') => ({
  401: problem('Not signed in'),
  403: problem(forbidden),
})

/** What readJson (api/lib/json-body.ts) answers to a body it cannot take. */
export const badBody = (unsupported = 'Not application/json') => ({
  400: problem('Invalid JSON'),
  413: problem('Body over 1 MB'),
  415: problem(unsupported),
  422: problem('Invalid fields'),
})

export const etagged = (description: string): ResponseSpec => ({
  ...json(description, PlaceDetailFeature),
  headers: { ETag: { description: 'The new version' } },
})

export const ifMatch = (required: boolean) => ({
  'If-Match': {
    description: 'ETag of the version edited (weak `W/` tags too); only its version part is compared',
    required,
  },
})

export const stale = {
  412: {
    ...json(
      'A field you sent was changed by someone else since that ETag: `conflicts`, `current_version`, `current` (the place now) and its ETag. Fields nobody changed are merged, not refused.',
      StaleProblem,
      PROBLEM_TYPE,
    ),
    headers: { ETag: { description: 'The ETag of `current`' } },
  },
}
