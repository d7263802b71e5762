/**
 * `npx tsx scripts/make-icons.ts`: the app icons (web/public/icon-*.png), drawn here so they need no image tool:
 * a white heart-in-a-pin on the brand colour, the maskable one with the safe-zone margin. Committed; run again
 * only to change them.
 */
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const BRAND = [0x0b, 0x3d, 0x5c]
const RED = [0xc9, 0x2a, 0x2a]

function crc32(bytes: Buffer): number {
  let c = ~0
  for (const b of bytes) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** Inside a heart of unit size centred on (0, 0): the classic implicit curve. */
const inHeart = (x: number, y: number) => (x * x + y * y - 1) ** 3 - x * x * y * y * y <= 0

function icon(size: number, safe: number): Buffer {
  const rows: Buffer[] = []
  const r = (size / 2) * safe
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3)
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5 - size / 2) / r
      const y = (py + 0.5 - size / 2) / r
      let colour = BRAND
      if (x * x + y * y <= 0.82) colour = RED
      if (inHeart(x / 0.5, -(y / 0.5) + 0.15)) colour = [255, 255, 255]
      row.set(colour, 1 + px * 3)
    }
    rows.push(row)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

writeFileSync('web/public/icon-192.png', icon(192, 1))
writeFileSync('web/public/icon-512.png', icon(512, 1))
writeFileSync('web/public/icon-maskable-512.png', icon(512, 0.8))
writeFileSync('web/public/apple-touch-icon.png', icon(180, 1))
