import { userInfo } from 'node:os'
import type { Actor } from '../api/queries/staff-audit.js'

/** The audit's "who" for a command-line run: no account, the tool and the operating-system user. */
export function commandLineActor(tool: string): Actor {
  let user = 'unknown'
  try {
    user = userInfo().username
  } catch {
    // no passwd entry (some containers): the tool name alone still says it was not the web
  }
  return { accountId: null, username: `${tool}:${user}` }
}
