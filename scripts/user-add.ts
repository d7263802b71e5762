/**
 * Creates a staff account: `npm run user:add -- --username li.wei --role editor --org waitan-union [--org …]`.
 * The password is prompted for (hidden) on a terminal, or read from the first line of stdin
 * (`echo "$PW" | npm run user:add -- …`). Uses DATABASE_URL, else the embedded database in DATA_DIR
 * (default data/pglite; stop the server first, the embedded database allows one process at a time).
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { hashPassword } from '../api/auth/password.js'
import { openDatabase } from '../api/db/open.js'
import { createAccount, listOrganisations } from '../api/queries/accounts.js'
import { commandLineActor } from './command-line-actor.js'
import { Password, Role, Username } from '../api/schemas/staff.js'

const { values } = parseArgs({
  options: { username: { type: 'string' }, role: { type: 'string' }, org: { type: 'string', multiple: true, default: [] } },
})

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = ''
    for await (const chunk of process.stdin) input += chunk
    return input.split(/\r?\n/)[0] ?? ''
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
      // Echo nothing while the password is typed.
      ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => {
        if (s.includes(question)) process.stdout.write(s)
      }
      rl.question(question, (answer) => {
        rl.close()
        process.stdout.write('\n')
        resolve(answer)
      })
    })
  const first = await ask('Password: ')
  if ((await ask('Repeat password: ')) !== first) throw new Error('The passwords differ')
  return first
}

async function main() {
  const username = Username.parse(values.username)
  const role = Role.parse(values.role)
  const organisations = z.array(z.string()).parse(values.org)
  if (role === 'editor' && organisations.length === 0) console.warn('Note: an editor without --org can edit no place yet.')
  const password = Password.parse(await readPassword())
  const handle = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? 'data/pglite',
    log: (l) => console.error(l),
  })
  try {
    const known = new Set((await listOrganisations(handle.db)).map((o) => o.id))
    const unknown = organisations.filter((o) => !known.has(o))
    if (unknown.length) throw new Error(`Unknown organisation(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`)
    const id = await createAccount(
      handle.db,
      { username, role, passwordHash: await hashPassword(password), organisations },
      { actor: commandLineActor('user:add'), now: new Date() },
    )
    if (!id) throw new Error(`The username '${username}' is taken`)
    console.log(`Created ${role} '${username}' (id ${id})${organisations.length ? ` for ${organisations.join(', ')}` : ''}`)
  } finally {
    await handle.close()
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof z.ZodError
      ? `Invalid input: ${error.issues.map((i) => i.message).join('; ')}`
      : error instanceof Error
        ? error.message
        : error,
  )
  process.exit(1)
})
