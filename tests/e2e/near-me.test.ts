import gcoordPackage from 'gcoord'
import { describe, expect, it } from 'vitest'
import { shanghai } from '../helpers/test-db.js'
import { escaped, JIANGBEI_HERE, phoneContext, poll } from './helpers/browser.js'
import { webStackForFile } from './helpers/web-stack.js'

const gcoord = 'default' in gcoordPackage ? gcoordPackage.default : gcoordPackage
const NOW = shanghai('2026-11-25T10:00') // a Wednesday morning: most stations are open

const stack = webStackForFile(() => NOW)

interface Found {
  features: Array<{ id: string; geometry: { coordinates: [number, number] }; properties: { name_zh: string } }>
}
const api = async (path: string) => await (await fetch(`${stack.url}${path}`)).json<Found>()

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('public map on a phone: near me', { timeout: 90_000, retry: 1 }, () => {
  it('finds the nearest open station with drinking water and hands it to Amap and Baidu with converted coordinates', async () => {
    const guard = await phoneContext(stack.browser, { geolocation: JIANGBEI_HERE, permissions: ['geolocation'] })
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    await page.getByRole('button', { name: '我附近' }).click()
    await page.getByRole('button', { name: '饮用水', exact: true }).click()
    await page.getByRole('button', { name: '正在开放' }).click()
    await poll(() => page.url()).toContain('open=1')

    const expected = await api(
      `/api/v1/places?lat=${JIANGBEI_HERE.latitude}&lng=${JIANGBEI_HERE.longitude}&radius=3000&amenity=drinking_water&open_now=true&limit=50`,
    )
    const nearest = expected.features[0]!
    const items = page.locator('ol.place-list > li a')
    await poll(() => items.count()).toBe(Math.min(expected.features.length, 30)) // the first 30; the rest on request
    await poll(() => items.first().getAttribute('id')).toBe(`place-${nearest.id}`)
    await poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain('由近到远')
    expect(await items.first().textContent()).toMatch(/\d+ 米/)
    expect(await items.first().textContent()).toContain('营业中')

    await items.first().click()
    await poll(() => page.locator('#details-heading').textContent()).toBe(nearest.properties.name_zh)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('details-heading')
    expect(page.url()).toContain(`place=${nearest.id}`)

    const [lng, lat] = nearest.geometry.coordinates
    const [gLng, gLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02)
    const amap = new URL((await page.locator('a[data-app="amap"]').getAttribute('href'))!)
    expect(amap.hostname).toBe('uri.amap.com')
    expect(amap.searchParams.get('to')).toBe(`${gLng.toFixed(6)},${gLat.toFixed(6)},${nearest.properties.name_zh}`)
    expect(amap.searchParams.get('mode')).toBe('ride') // e-bike by default: most outdoor workers ride

    const [bLng, bLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09)
    const baidu = new URL((await page.locator('a[data-app="baidu"]').getAttribute('href'))!)
    expect(baidu.searchParams.get('destination')).toBe(
      `latlng:${bLat.toFixed(6)},${bLng.toFixed(6)}|name:${nearest.properties.name_zh}`,
    )
    expect(baidu.searchParams.get('mode')).toBe('riding')
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll')

    await page.getByLabel('步行').check()
    expect(new URL((await page.locator('a[data-app="amap"]').getAttribute('href'))!).searchParams.get('mode')).toBe('walk')
    const apple = new URL((await page.locator('a[data-app="apple"]').getAttribute('href'))!)
    expect(apple.searchParams.get('daddr')).toBe(`${lat.toFixed(6)},${lng.toFixed(6)}`)

    expect(escaped(guard)).toEqual([])
    expect(guard.cspViolations).toEqual([])
    await guard.context.close()
  })

  it('never lets the precise position leave the phone: page URL, history, requests and station links', async () => {
    const precise = { latitude: 29.88881, longitude: 121.55323 }
    const guard = await phoneContext(stack.browser, { geolocation: precise, permissions: ['geolocation'] })
    const page = await guard.context.newPage()
    const sent: string[] = []
    page.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`))
    await page.goto(stack.url)
    await page.getByRole('button', { name: '我附近' }).click()
    await poll(() => page.url()).toContain('here=29.888,121.554,gps')
    const items = page.locator('ol.place-list > li a')
    await poll(() => items.count()).toBeGreaterThan(0)
    const stationLink = (await items.first().getAttribute('href'))!
    expect(stationLink).not.toContain('here=')
    await items.first().click()
    await poll(() => page.url()).toContain('place=')
    const href = await page.evaluate(() => location.href)
    const state = await page.evaluate(() => JSON.stringify(history.state))
    // Neither the position nor a rounding of it finer than the grid (29.8888, 121.5532) anywhere.
    const precisely = /29\.8888|121\.5532/
    for (const text of [href, state, stationLink, ...sent]) expect(text).not.toMatch(precisely)
    expect(sent.some((s) => s.includes('/api/v1/places?') && s.includes('lat=29.888'))).toBe(true)
    await guard.context.close()
  })

  it('explains a refused location and lets the map set "here" instead', async () => {
    const guard = await phoneContext(stack.browser, { permissions: [] })
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    await page.locator('ol.place-list').waitFor()
    await page.getByRole('button', { name: '我附近' }).click()
    await poll(() => page.getByRole('status').filter({ hasText: '无法获取您的位置' }).count()).toBe(1)
    await poll(() => page.locator('.map-hint').isVisible()).toBe(true)

    const box = (await page.locator('.map').boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await poll(() => page.url()).toMatch(/here=[\d.]+,[\d.]+,map/)
    await poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain('由近到远')
    // Open places first (issue 12), then hours unknown, then closed; each group nearest first.
    await poll(() => page.locator('.distance').count()).toBeGreaterThan(0)
    const entries = await page.locator('ol.place-list > li a').evaluateAll((links) =>
      links.map((a) => ({
        group: a.querySelector('.arrival-closed')
          ? 2
          : a.querySelector('.status-open, .status-soon')
            ? 0
            : a.querySelector('.status-unknown')
              ? 1
              : 2,
        distance: a.querySelector('.distance')?.textContent ?? '',
      })),
    )
    const metres = (d: string) =>
      d.includes('公里') ? parseFloat(d.replace(/[^\d.]/g, '')) * 1000 : parseFloat(d.replace(/[^\d.]/g, ''))
    const groups = entries.map((e) => e.group)
    expect(groups[0]).toBe(0)
    expect([...groups].sort()).toEqual(groups)
    for (const g of [0, 1, 2]) {
      const inGroup = entries.filter((e) => e.group === g).map((e) => metres(e.distance))
      expect([...inGroup].sort((a, b) => a - b)).toEqual(inGroup)
    }
    expect(escaped(guard)).toEqual([])
    await guard.context.close()
  })
})
