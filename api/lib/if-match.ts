import { ApiError } from './problem.js'

/** One entity tag: optional weakness prefix, then the quoted opaque part (RFC 9110 §8.8.3). */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\uffff]*)"$/
/** The opaque part of a place ETag: `<id>.v<version>.<yyyymmdd><o|c|u>` (see placeEtag). */
const PLACE_TAG = /^([a-z0-9][a-z0-9_-]{0,63})\.v(\d{1,9})(?:\.[0-9a-z]*)?$/

/** Splits a list of entity tags on the commas between them (a comma may not appear inside a tag we accept). */
const entityTags = (header: string) =>
  header
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)

/**
 * The version an `If-Match` header names. Only the version part of the place ETag is compared: the rest
 * (`.<yyyymmdd><o|c|u>`) follows the clock, so an editor who loaded the form before 20:00 or yesterday would
 * otherwise get a false conflict although nobody changed the place. A weak tag (`W/"…"`, what gzip in this server
 * or any proxy makes of ours) names the same version: the tag is a version number, not a hash of bytes.
 *
 * Missing, `*` or unreadable → 428 (the request must name the version it was made on); a well-formed tag of another
 * place → 412 (a condition that is false). When several tags are listed, the newest version of this place counts.
 */
export function ifMatchVersion(header: string | undefined, placeId: string): number {
  const tags = header === undefined ? [] : entityTags(header)
  if (!tags.length) throw new ApiError(428, 'Send If-Match with the ETag of the version you edited')
  const versions: number[] = []
  let otherPlace = false
  for (const tag of tags) {
    const opaque = ENTITY_TAG.exec(tag)?.[2]
    const place = opaque === undefined ? null : PLACE_TAG.exec(opaque)
    if (!place)
      throw new ApiError(428, 'If-Match must be the ETag of this place as GET /api/v1/places/{id} gave it (a * is not accepted)')
    if (place[1] === placeId) versions.push(Number(place[2]))
    else otherPlace = true
  }
  if (!versions.length && otherPlace) throw new ApiError(412, 'If-Match names another place, not this one')
  return Math.max(...versions)
}

/** Optional variant for one-tap actions (verify, delete, restore): checked when given. */
export function optionalIfMatchVersion(header: string | undefined, placeId: string): number | undefined {
  return header === undefined ? undefined : ifMatchVersion(header, placeId)
}
