/**
 * Installable and offline-first (issue 12): the service worker precaches the app shell; after one visit a phone
 * with no network reloads into the app, with the places it last saw, their markers and a station's details, and
 * the banner saying since when.
 */
import { describe, expect, it } from 'vitest'
import { shanghai } from '../helpers/test-db.js'
import { phoneContext, poll } from './helpers/browser.js'
import { webStackForFile } from './helpers/web-stack.js'

const stack = webStackForFile(() => shanghai('2026-11-25T10:42'))

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('offline reload', { timeout: 120_000, retry: 1 }, () => {
  it('serves a manifest with real icons', async () => {
    const manifest = await (await fetch(`${stack.url}/manifest.webmanifest`)).json<{
      icons: Array<{ src: string; sizes: string; purpose?: string }>
      start_url: string
      display: string
    }>()
    expect(manifest.display).toBe('standalone')
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
    for (const icon of manifest.icons) {
      const res = await fetch(`${stack.url}${icon.src}`)
      expect(res.headers.get('content-type')).toBe('image/png')
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG')
    }
  })

  it('reloads into the app with no network: list, markers, details and the banner', async () => {
    const guard = await phoneContext(stack.browser)
    const page = await guard.context.newPage()
    await page.goto(`${stack.url}/?here=29.8888,121.5532,gps`)
    const items = page.locator('ol.place-list > li a')
    await poll(() => items.count()).toBeGreaterThan(3)
    // The worker has taken the shell (and the idle-loaded details chunk) into its cache.
    await poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated')
    await poll(() =>
      page.evaluate(async () => {
        const names = await caches.keys()
        let n = 0
        for (const name of names) n += (await (await caches.open(name)).keys()).length
        return n
      }),
    ).toBeGreaterThan(3)

    await guard.context.setOffline(true)
    await page.reload()
    // The phone's clock here is the real one, not the server's fixed 10:42: a different day shows its date.
    await poll(() => page.locator('.offline-banner').textContent()).toMatch(/^离线 · 数据更新于 (11-25 )?10:42$/)
    await poll(() => items.count()).toBeGreaterThan(3)
    // The map comes after the list (web/map/lazy-map-view.tsx), from the worker's cache too.
    await poll(() => page.locator('.leaflet-marker-icon.leaflet-interactive').count()).toBeGreaterThan(0)
    await page.getByRole('button', { name: '饮用水', exact: true }).click()
    await poll(() => page.url()).toContain('amenity=drinking_water')
    await poll(() => items.count()).toBeGreaterThan(0)
    await items.first().click()
    await poll(() => page.locator('#details-heading').count()).toBe(1)
    await guard.context.close()
  })
})
