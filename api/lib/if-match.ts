import { ApiError } from './problem.js'

/**
 * The version an `If-Match` header names. Only the version part of the place ETag is compared: the rest
 * (`.<yyyymmdd><o|c|u>`) follows the clock, so an editor who loaded the form before 20:00 or yesterday would
 * otherwise get a false conflict although nobody changed the place.
 */
export function ifMatchVersion(header: string | undefined, placeId: string): number {
  if (header === undefined || header.trim() === '')
    throw new ApiError(428, 'Send If-Match with the ETag of the version you edited')
  const match = /^"([a-z0-9][a-z0-9_-]{0,63})\.v(\d{1,9})(?:\.[0-9a-z]*)?"$/.exec(header.trim())
  if (!match || match[1] !== placeId)
    throw new ApiError(428, 'If-Match must be the ETag of this place as GET /api/v1/places/{id} gave it (a * is not accepted)')
  return Number(match[2])
}

/** Optional variant for one-tap actions (verify, delete, restore): checked when given. */
export function optionalIfMatchVersion(header: string | undefined, placeId: string): number | undefined {
  return header === undefined ? undefined : ifMatchVersion(header, placeId)
}
