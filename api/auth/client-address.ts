/**
 * Who is asking, when a reverse proxy stands in between. The socket's peer is the client unless the peer is one
 * of the configured TRUSTED_PROXIES; only then are `CF-Connecting-IP`, `X-Forwarded-For` and
 * `X-Forwarded-Proto` believed (anyone can send those headers, so from anyone else they are ignored).
 * Rate limits key on the result; without this, every client behind a proxy shares the proxy's address.
 */

type Range = { v6: boolean; base: bigint; bits: number }

function ipv4ToBigInt(text: string): bigint | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined
  return parts.reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n)
}

function ipv6ToBigInt(input: string): bigint | undefined {
  let text = input
  // An IPv4 tail (`::ffff:10.0.0.1`) is the last two groups written in decimal.
  const v4Tail = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4Tail) {
    const v4 = ipv4ToBigInt(v4Tail[2]!)
    if (v4 === undefined) return undefined
    text = `${v4Tail[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  if (!/^[0-9a-f:]+$/i.test(text) || text.split('::').length > 2) return undefined
  let groups: string[]
  if (text.includes('::')) {
    const [left, right] = text.split('::') as [string, string]
    const l = left ? left.split(':') : []
    const r = right ? right.split(':') : []
    const missing = 8 - l.length - r.length
    if (missing < 1) return undefined
    groups = [...l, ...Array<string>(missing).fill('0'), ...r]
  } else groups = text.split(':')
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n)
}

/** An address as (family, number); IPv4-mapped IPv6 (`::ffff:10.0.0.1`) counts as the IPv4 address. */
function parseAddress(text: string): { v6: boolean; value: bigint } | undefined {
  const trimmed = text.trim().replace(/^\[|\]$/g, '')
  const v4 = ipv4ToBigInt(trimmed)
  if (v4 !== undefined) return { v6: false, value: v4 }
  const v6 = ipv6ToBigInt(trimmed.replace(/%.*$/, ''))
  if (v6 === undefined) return undefined
  if (v6 >> 32n === 0xffffn) return { v6: false, value: v6 & 0xffffffffn }
  return { v6: true, value: v6 }
}

const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
}

/**
 * `TRUSTED_PROXIES`: addresses or CIDR ranges separated by commas or spaces, plus the words `loopback` and
 * `private`. Throws on anything it cannot read, so a typo stops the server instead of trusting nobody silently.
 */
export function parseTrustedProxies(text: string | readonly string[] | undefined): Range[] {
  const items = (typeof text === 'string' ? text.split(/[\s,]+/) : (text ?? [])).filter(Boolean)
  return items.flatMap((item) => {
    const named = NAMED[item.toLowerCase()]
    if (named) return parseTrustedProxies(named)
    const [addressText, bitsText] = item.split('/')
    const address = parseAddress(addressText ?? '')
    const max = address?.v6 ? 128 : 32
    const bits = bitsText === undefined ? max : Number(bitsText)
    if (!address || !Number.isInteger(bits) || bits < 0 || bits > max)
      throw new Error(`TRUSTED_PROXIES: cannot read '${item}' (an IP address or CIDR range, or loopback/private)`)
    const shift = BigInt(max - bits)
    return [{ v6: address.v6, base: (address.value >> shift) << shift, bits }]
  })
}

export function isTrusted(address: string | undefined, trusted: readonly Range[]): boolean {
  const parsed = address === undefined ? undefined : parseAddress(address)
  if (!parsed) return false
  return trusted.some((range) => {
    if (range.v6 !== parsed.v6) return false
    const shift = BigInt((range.v6 ? 128 : 32) - range.bits)
    return (parsed.value >> shift) << shift === range.base
  })
}

export interface RequestOrigin {
  /** The client's address, for hashed rate-limit keys (never logged or stored). */
  address: string | undefined
  /** Whether the client's own connection is https (directly, or to a trusted proxy in front). */
  https: boolean
}

/**
 * The client behind the peer. From a trusted proxy: `CF-Connecting-IP` if sent, else the right-most address in
 * `X-Forwarded-For` that is not itself a trusted proxy (the left part of that header is whatever the client wrote).
 */
export function resolveRequestOrigin(input: {
  peer: string | undefined
  url: string
  header: (name: string) => string | undefined
  trusted: readonly Range[]
}): RequestOrigin {
  const direct = new URL(input.url).protocol === 'https:'
  if (!isTrusted(input.peer, input.trusted)) return { address: input.peer, https: direct }
  const proto = input.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  const https = direct || proto === 'https'
  const cf = input.header('cf-connecting-ip')?.trim()
  if (cf && parseAddress(cf)) return { address: cf, https }
  const chain = (input.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => parseAddress(a))
  for (let i = chain.length - 1; i >= 0; i--) if (!isTrusted(chain[i], input.trusted)) return { address: chain[i], https }
  return { address: chain[0] ?? input.peer, https }
}
