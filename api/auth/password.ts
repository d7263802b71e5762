import { constantTimeEqual, fromBase64, randomBytes, toBase64 } from './encoding.js'

const ALGORITHM = 'pbkdf2-sha256'
/** Workers' WebCrypto refuses PBKDF2 above 100,000 iterations, so that is both the default and the ceiling. */
export const MAX_ITERATIONS = 100_000
const HASH_BYTES = 32

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    HASH_BYTES * 8,
  )
  return new Uint8Array(bits)
}

/** `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64): self-describing, so the cost can be raised later. */
export async function hashPassword(password: string, iterations = MAX_ITERATIONS): Promise<string> {
  const salt = randomBytes(16)
  return `${ALGORITHM}$${iterations}$${toBase64(salt)}$${toBase64(await derive(password, salt, iterations))}`
}

/** A stored hash nobody's password matches; verifying against it keeps "no such user" as slow as a wrong password. */
export const DUMMY_HASH = `${ALGORITHM}$${MAX_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algorithm, rounds, salt, hash] = stored.split('$')
  const iterations = Number(rounds)
  if (algorithm !== ALGORITHM || !salt || !hash || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS)
    return false
  const expected = fromBase64(hash)
  return constantTimeEqual(await derive(password, fromBase64(salt), iterations), expected)
}

/** Iterations of a stored hash (0 when unreadable). */
const iterationsOf = (stored: string) => Number(stored.split('$')[1]) || 0

/** Whether a stored hash was made at a lower cost than today's (it is replaced at the next sign-in). */
export const needsRehash = (stored: string, iterations = MAX_ITERATIONS) => iterationsOf(stored) < iterations
