/**
 * Issue 12, time and trouble, in Chromium over the production stack: statuses that move with an injected clock,
 * "closing soon" and "closed when you arrive", the API going down before a filter tap, WeChat's browser, and the
 * notice when map tiles cannot load (every tile request is blocked in these tests).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shanghai } from '../helpers/test-db.js'
import { escaped, phoneContext, poll, settledCount } from './helpers/browser.js'
import { createPlace } from '../helpers/fixtures.js'
import { webStackForFile } from './helpers/web-stack.js'

const START = shanghai('2026-11-25T20:26') // four minutes before a batch of stations closes at 20:30
let serverNow = START

const stack = webStackForFile(() => serverNow)

interface Found {
  features: Array<{
    id: string
    geometry: { coordinates: [number, number] }
    properties: { name_zh: string; closes_at: string | null }
  }>
}
/** A station of this file's own, open every day until `local`'s time, as the list reports it at START. */
async function closingAt(local: string) {
  const until = local.slice(11, 16)
  const created = await createPlace({
    name_zh: `关门测试驿站${until.replace(':', '')}`,
    opening_hours: { weekly: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [['08:00', until]]])) },
  })
  const found = await (
    await fetch(`${stack.url}/api/v1/places?open_now=true&limit=200&q=${encodeURIComponent(created.name_zh)}`)
  ).json<Found>()
  const station = found.features.find((f) => f.id === created.id)
  if (station?.properties.closes_at !== `${local}:00+08:00`)
    throw new Error(`the station closing at ${local} is not listed as such`)
  return station
}
const entry = (page: Page, id: string) => page.locator(`#place-${id}`)

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('time that moves, and trouble on the way', { timeout: 90_000, retry: 1 }, () => {
  it('warns a station closes in 4 minutes, then shows it closed once the clock passes, without a reload', async () => {
    serverNow = START
    const station = await closingAt('2026-11-25T20:30')
    const [lng, lat] = station.geometry.coordinates
    const guard = await phoneContext(stack.browser)
    const page = await guard.context.newPage()
    await page.clock.install({ time: START })
    await page.goto(`${stack.url}/?here=${lat},${lng},gps&q=${encodeURIComponent(station.properties.name_zh)}`)
    await poll(() => entry(page, station.id).textContent()).toContain('营业中 · 20:30 关门（还剩 4 分钟）')
    // Standing at the door: there before closing.
    expect(await entry(page, station.id).textContent()).not.toContain('到达时已关门')

    serverNow = new Date(START.getTime() + 5 * 60_000)
    await page.clock.fastForward(5 * 60_000)
    await poll(() => entry(page, station.id).locator('.status').textContent()).toMatch(/^已关闭/)
    expect(escaped(guard)).toEqual([])
    await guard.context.close()
  })

  it('marks a station that will have closed by the time one gets there, at e-bike or walking speed', async () => {
    serverNow = START
    const station = await closingAt('2026-11-25T20:30')
    const [lng, lat] = station.geometry.coordinates
    const guard = await phoneContext(stack.browser)
    const page = await guard.context.newPage()
    await page.clock.install({ time: START })
    // About 2 km south: ≈ 10 minutes by e-bike (with the detour factor), the station closes in 4.
    await page.goto(`${stack.url}/?here=${lat - 0.018},${lng},gps&q=${encodeURIComponent(station.properties.name_zh)}`)
    await poll(() => entry(page, station.id).textContent()).toContain('到达时已关门')
    expect(await entry(page, station.id).textContent()).toContain('还剩 4 分钟')
    await page.getByRole('button', { name: '步行', exact: true }).click()
    await poll(() => entry(page, station.id).textContent()).toContain('到达时已关门')
    // Remembered: walking is still chosen after a reload.
    await page.reload()
    await poll(() => page.getByRole('button', { name: '步行', exact: true }).getAttribute('aria-pressed')).toBe('true')
    await guard.context.close()
  })

  it('keeps the list when the API goes down before a filter tap, filters it locally and says since when', async () => {
    serverNow = shanghai('2026-11-25T10:00')
    const guard = await phoneContext(stack.browser)
    const page = await guard.context.newPage()
    await page.goto(`${stack.url}/?here=29.8888,121.5532,gps`)
    const items = page.locator('ol.place-list > li a')
    await poll(() => items.count()).toBeGreaterThan(5)
    // The list draws its first entries at once and the rest when the phone is idle: count once it has settled.
    const before = await settledCount(items)

    await page.route('**/api/v1/**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"detail":"down"}' }),
    )
    await page.getByRole('button', { name: '厕所', exact: true }).click()
    await poll(() => page.locator('.offline-banner').textContent()).toBe('离线 · 数据更新于 10:00')
    const after = await items.count()
    expect(after).toBeGreaterThan(0)
    expect(after).toBeLessThan(before)
    // Every entry left has a toilet: the filter applied on the phone.
    for (const words of await page.locator('ol.place-list .amenity-words').allTextContents()) expect(words).toContain('厕所')
    // The map (loaded when the phone is idle after the list) draws the same places.
    await poll(() => page.locator('.leaflet-marker-icon.leaflet-interactive').count()).toBeGreaterThan(0)
    // And a station's details still open, from what the phone saw.
    await items.first().click()
    await poll(() => page.locator('#details-heading').count()).toBe(1)
    await guard.context.close()
  })

  it('offers links that work inside WeChat, and a way to copy the address', async () => {
    serverNow = shanghai('2026-11-25T10:00')
    const station = await createPlace({ name_zh: '微信测试驿站', address_zh: '宁波市江北区微信测试路9号' })
    const guard = await phoneContext(stack.browser, {
      userAgent:
        'Mozilla/5.0 (Linux; Android 12; V2036A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) NetType/4G Language/zh_CN',
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    const page = await guard.context.newPage()
    await page.goto(`${stack.url}/?place=${station.id}`)
    await poll(() => page.locator('#details-heading').count()).toBe(1)
    expect(await page.title()).toContain(station.name_zh)
    const amap = new URL((await page.locator('a[data-app="amap"]').getAttribute('href'))!)
    expect(amap.protocol).toBe('https:')
    expect(amap.searchParams.get('callnative')).toBe('0')
    expect(new URL((await page.locator('a[data-app="baidu"]').getAttribute('href'))!).protocol).toBe('https:')
    expect(await page.locator('a[data-app="geo"]').count()).toBe(0)
    expect(await page.locator('.wechat-hint').textContent()).toContain('在浏览器打开')
    await page.getByRole('button', { name: '复制地址和坐标' }).click()
    await poll(() => page.getByText('已复制').count()).toBe(1)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('微信测试路9号')
    await guard.context.close()
  })

  it('says why the map is empty when tiles cannot load, and the list still works', async () => {
    serverNow = shanghai('2026-11-25T10:00')
    const guard = await phoneContext(stack.browser)
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    await poll(() => page.locator('.tiles-notice').textContent()).toBe('底图无法加载，列表仍可用')
    expect(guard.blocked.length).toBeGreaterThan(0)
    await poll(() => page.locator('ol.place-list > li a').count()).toBeGreaterThan(0)
    // On the 360 × 640 phone the notice sits beside the Legend button, never under it (nor under the zoom buttons),
    // and inside the map strip, in both languages.
    const apart = async () => {
      const notice = (await page.locator('.tiles-notice').boundingBox())!
      const map = (await page.locator('.map-wrap').boundingBox())!
      const others = [
        (await page.locator('.map-options summary').boundingBox())!,
        (await page.locator('.leaflet-control-zoom').boundingBox())!,
      ]
      for (const other of others) {
        const overlapX = Math.min(notice.x + notice.width, other.x + other.width) - Math.max(notice.x, other.x)
        const overlapY = Math.min(notice.y + notice.height, other.y + other.height) - Math.max(notice.y, other.y)
        expect(overlapX <= 0 || overlapY <= 0, JSON.stringify({ notice, other })).toBe(true)
      }
      expect(notice.y).toBeGreaterThanOrEqual(map.y)
      expect(notice.y + notice.height).toBeLessThanOrEqual(map.y + map.height)
    }
    await apart()
    const oneLine = (await page.locator('.tiles-notice').boundingBox())!.height
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await poll(() => page.locator('.tiles-notice').textContent()).toBe('No base map; list works')
    await apart()
    // One line in English too: a taller notice leaves so little clear map that the count bubbles all merge.
    expect((await page.locator('.tiles-notice').boundingBox())!.height).toBeLessThanOrEqual(oneLine + 1)
    await guard.context.close()
  })
})
