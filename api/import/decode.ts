import chardet from 'chardet'
import iconv from 'iconv-lite'
import { FileError } from './messages.js'
import type { TextEncoding } from './text-encodings.js'

/** Other East Asian multi-byte encodings whose bytes also look like GBK; chardet tells them apart. */
const LOOKALIKES = new Set(['Big5', 'Shift_JIS', 'EUC-JP', 'EUC-KR'])

/** Whether the bytes are well-formed GB18030 (1-, 2- and 4-byte sequences), which GBK is a subset of. */
function isGb18030(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    if (b === 0x80 || b === 0xff) return false
    const b2 = bytes[i + 1]
    if (b2 === undefined) return false
    if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) {
      i += 2
      continue
    }
    const [b3, b4] = [bytes[i + 2], bytes[i + 3]]
    if (
      b2 >= 0x30 &&
      b2 <= 0x39 &&
      b3 !== undefined &&
      b3 >= 0x81 &&
      b3 <= 0xfe &&
      b4 !== undefined &&
      b4 >= 0x30 &&
      b4 <= 0x39
    ) {
      i += 4
      continue
    }
    return false
  }
  return true
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Reads an uploaded or given file as text. A byte-order mark decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is
 * UTF-8; else well-formed GB18030/GBK — what Excel in China saves "CSV" as — is decoded with iconv-lite, unless
 * chardet is clearly surer of another East Asian encoding. Anything else is refused, naming chardet's guess: a
 * wrong guess would write mojibake, which is worse than asking for the file again.
 */
export function decodeText(input: Uint8Array): { text: string; encoding: TextEncoding } {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decodeUtf8(bytes.subarray(3)), encoding: 'utf-8-bom' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
  try {
    return { text: UTF8.decode(bytes), encoding: 'utf-8' }
  } catch {
    // not UTF-8: see below
  }
  const candidates = chardet.analyse(bytes)
  if (isGb18030(bytes)) {
    const gb = candidates.find((c) => c.name === 'GB18030')?.confidence ?? 0
    const top = candidates[0]
    if (!top || !LOOKALIKES.has(top.name) || top.confidence <= gb + 10)
      return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' }
  }
  throw new FileError('encoding_unsupported', { guess: candidates[0]?.name ?? 'unknown' })
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes)
  } catch {
    throw new FileError('encoding_unsupported', { guess: 'broken UTF-8' })
  }
}
