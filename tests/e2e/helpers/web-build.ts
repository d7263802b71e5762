/**
 * The e2e tests drive the built app (dist/web), as production serves it. Rebuilds only when a source file is newer
 * than the build, so a second `npm test` pays nothing; a lock keeps parallel test runs from building at once.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const WEB_DIST = 'dist/web'

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

export function ensureWebBuild(): void {
  const index = join(WEB_DIST, 'index.html')
  const sources = Math.max(newestMtime('web'), newestMtime('vite.config.ts'))
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return
  const build = ['npx', 'vite', 'build', '--logLevel', 'warn']
  const hasFlock = (() => {
    try {
      execFileSync('flock', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  const [command, ...args] = hasFlock ? ['flock', '/tmp/waystation-web-build.lock', ...build] : build
  execFileSync(command!, args, { stdio: 'inherit' })
}
