/**
 * On Workers the web build is served by the static-assets layer, not by the app, so the app's security headers
 * and the immutable caching of hashed files are declared in a `_headers` file beside the build. Run after
 * `npm run build:web` (dev:edge and deploy do); `npx tsx scripts/edge-static-headers.ts [dir]`.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_TILE_HOSTS } from '../api/context.js'
import { securityHeaderValues } from '../api/middleware/security-headers.js'

/** The `_headers` rules: the same security headers as the API everywhere, and hashed assets cached for a year. */
export function staticAssetHeaders(tileHosts: readonly string[] = DEFAULT_TILE_HOSTS): string {
  const security = Object.entries(securityHeaderValues(tileHosts)).map(([name, value]) => `  ${name}: ${value}`)
  return ['/*', ...security, '/assets/*', '  Cache-Control: public, max-age=31536000, immutable', ''].join('\n')
}

export function writeStaticAssetHeaders(dir: string, tileHosts?: readonly string[]): void {
  writeFileSync(join(dir, '_headers'), staticAssetHeaders(tileHosts))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../dist/web', import.meta.url))
  writeStaticAssetHeaders(dir, process.env.TILE_HOSTS?.split(/[\s,]+/).filter(Boolean))
  console.log(`wrote ${join(dir, '_headers')}`)
}
