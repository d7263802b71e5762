/** Shared station links carry the station's title and share card in the HTML itself (issue 12, WeChat sharing). */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/app.js'
import { DEFAULT_TILE_HOSTS } from '../../api/context.js'
import { startNodeServer, type RunningNodeServer } from '../../api/server/node-server.js'
import { withShareCard } from '../../api/server/share-card.js'
import { shanghai, testDatabase } from '../helpers/test-db.js'
import { samplePlace } from '../helpers/sample-place.js'

/** Read from the sample: its name is the generator's to choose. */
const STATION = await samplePlace('cs-waitan-01')

const SHELL =
  '<!doctype html><html><head><meta name="description" content="app" /><title>江北便民服务地图</title></head><body></body></html>'
let server: RunningNodeServer
beforeAll(async () => {
  const webDist = mkdtempSync(join(tmpdir(), 'waystation-share-'))
  writeFileSync(join(webDist, 'index.html'), SHELL)
  const { db } = await testDatabase()
  const app = createApp({ db, clock: () => shanghai('2026-11-25T10:00') })
  server = await startNodeServer({ app, tileHosts: DEFAULT_TILE_HOSTS, webDist, port: 0, hostname: '127.0.0.1' })
})
afterAll(() => server?.close())

const page = async (path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { Accept: 'text/html' } })
  return { res, html: await res.text() }
}

describe('share cards for station links', () => {
  it('puts the station in <title> and og:title/og:description/og:image', async () => {
    const { res, html } = await page('/?place=cs-waitan-01')
    expect(res.status).toBe(200)
    expect(html).toContain(`<title>${STATION.name_zh} · 江北便民服务地图</title>`)
    expect(html).toContain(`<meta property="og:title" content="${STATION.name_zh} · 江北便民服务地图" />`)
    // The description: the address, and the English name, brand and all.
    const description = html.match(/<meta property="og:description" content="([^"]*)" \/>/)?.[1]
    expect(description).toContain(STATION.address_zh)
    expect(description).toContain(STATION.name_en)
    expect(html).toContain(`<meta property="og:image" content="${server.url}/icon-512.png" />`)
    expect(html.match(/<title>/g)).toHaveLength(1)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
  })

  it('gives the card to a link-preview bot that accepts anything', async () => {
    const res = await fetch(`${server.url}/?place=cs-waitan-01`, {
      headers: { Accept: '*/*', 'User-Agent': 'LinkPreviewBot/1.0' },
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(`<meta property="og:title" content="${STATION.name_zh} · 江北便民服务地图" />`)
  })

  it('serves the plain shell for an unknown or malformed place, and for the map itself', async () => {
    for (const path of ['/?place=no-such-place', '/?place=%3Cscript%3E', '/']) {
      const { res, html } = await page(path)
      expect(res.status).toBe(200)
      expect(html).toBe(SHELL)
    }
  })

  it('escapes place text: a name is never markup', () => {
    const html = withShareCard(
      SHELL,
      { name_zh: '"><script>x</script>', name_en: null, address_zh: 'a & b', address_en: null },
      'http://x/?place=a',
      'http://x',
    )
    expect(html).not.toContain('<script>')
    expect(html).toContain('&quot;&gt;&lt;script&gt;')
    expect(html).toContain('a &amp; b')
  })
})
