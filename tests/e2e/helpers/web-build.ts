/**
 * The e2e tests drive the built app (dist/web), as production serves it. Rebuilds only when a source file is newer
 * than the build, so a second `npm test` pays nothing; a lock keeps parallel test runs from building at once.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const WEB_DIST = 'dist/web'

/** The most recently changed file under `path` (or `path` itself). */
function newestFile(path: string): { path: string; mtimeMs: number } {
  const stat = statSync(path)
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs }
  return readdirSync(path)
    .map((name) => newestFile(join(path, name)))
    .reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { path, mtimeMs: 0 })
}

export function ensureWebBuild(): void {
  const index = join(WEB_DIST, 'index.html')
  const newest = [newestFile('web'), newestFile('vite.config.ts')].reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a))
  if (existsSync(index) && statSync(index).mtimeMs >= newest.mtimeMs) return
  const build = ['npx', 'vite', 'build', '--logLevel', 'warn']
  const hasFlock = (() => {
    try {
      execFileSync('flock', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  if (!hasFlock) return void execFileSync(build[0]!, build.slice(1), { stdio: 'inherit' })
  // Both workers find the build stale at the start of a run: the one that waited for the lock builds only if the
  // other's build is still older than the newest source.
  const script = `test "$1" -nt "$2" || exec ${build.join(' ')}`
  execFileSync('flock', ['/tmp/waystation-web-build.lock', 'sh', '-c', script, 'sh', index, newest.path], { stdio: 'inherit' })
}
