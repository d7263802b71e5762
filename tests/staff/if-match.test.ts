import { describe, expect, it } from 'vitest'
import { ifMatchVersion } from '../../api/lib/if-match.js'
import { ApiError } from '../../api/lib/problem.js'

const statusOf = (header: string | undefined) => {
  try {
    return ifMatchVersion(header, 'cs-1')
  } catch (error) {
    return `HTTP ${(error as ApiError).status}`
  }
}

describe('If-Match (RFC 9110) on a place', () => {
  it('reads the version from a strong or a weak tag (gzip makes ours weak)', () => {
    expect(statusOf('"cs-1.v7.20261125o"')).toBe(7)
    expect(statusOf('W/"cs-1.v7.20261125o"')).toBe(7)
    expect(statusOf(' W/"cs-1.v12" ')).toBe(12)
  })
  it('takes the newest version of this place from a list', () => {
    expect(statusOf('"cs-1.v3.20261125o", W/"cs-1.v4.20261126c"')).toBe(4)
  })
  it('answers 428 when the header is missing, empty, * or malformed', () => {
    for (const bad of [undefined, '', ' , ', '*', 'cs-1.v7', '"cs-1"', 'w/"cs-1.v7"', '"cs-1.v7', '"CS-1.v7"', '"cs-1.vx"'])
      expect(statusOf(bad), String(bad)).toBe('HTTP 428')
  })
  it('answers 412 for a well-formed tag of another place', () => {
    expect(statusOf('"cs-2.v7.20261125o"')).toBe('HTTP 412')
  })
})
