import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shanghai } from '../helpers/test-db.js'
import { escaped, phoneContext, poll, type GuardedContext } from './helpers/browser.js'
import { createPlace } from '../helpers/fixtures.js'
import { webStackForFile } from './helpers/web-stack.js'

const NOW = shanghai('2026-11-25T10:00')
let guard: GuardedContext
let page: Page

const stack = webStackForFile(() => NOW)

async function freshPage(options = {}) {
  guard = await phoneContext(stack.browser, options)
  page = await guard.context.newPage()
}
const count = async (query: string) => {
  let total = 0
  let cursor = ''
  do {
    const page = await (await fetch(`${stack.url}/api/v1/places?${query}&limit=200${cursor}`)).json<{
      features: unknown[]
      next_cursor: string | null
    }>()
    total += page.features.length
    cursor = page.next_cursor ? `&cursor=${page.next_cursor}` : ''
  } while (cursor)
  return total
}
const items = () => page.locator('ol.place-list > li a')
const heading = () => page.locator('.results-heading').textContent()

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('public map: browse, filter, search, language, URLs', { timeout: 90_000, retry: 1 }, () => {
  it('lists every place, then narrows by category, amenity and search', async () => {
    await freshPage()
    await page.goto(stack.url)
    await poll(heading).toBe(`${await count('')} 个地点`)

    // Categories and the less common facilities sit under "more filters"; the top needs are always in view.
    await page.getByRole('button', { name: '更多筛选' }).click()
    await page.getByRole('button', { name: '医疗机构' }).click()
    await poll(heading).toBe(`${await count('category=clinic')} 个地点`)
    expect(await page.getByRole('button', { name: '医疗机构' }).getAttribute('aria-pressed')).toBe('true')

    await page.getByRole('button', { name: '无障碍通道' }).click()
    const clinicsAccessible = await count('category=clinic&amenity=accessible_entrance')
    await poll(heading).toBe(`${clinicsAccessible} 个地点`)

    await page.getByRole('button', { name: '医疗机构' }).click()
    await page.getByRole('button', { name: '无障碍通道' }).click()
    await page.getByLabel('搜索地点、街道或地址').fill('人民路')
    await page.getByLabel('搜索地点、街道或地址').press('Enter')
    const onRenmin = await count(`q=${encodeURIComponent('人民路')}`)
    expect(onRenmin).toBeGreaterThan(0)
    await poll(heading).toBe(`${onRenmin} 个地点`)
    expect(page.url()).toContain(`q=${encodeURIComponent('人民路')}`)

    await page.getByLabel('搜索地点、街道或地址').fill('no-such-place-anywhere')
    await page.getByLabel('搜索地点、街道或地址').press('Enter')
    await poll(() => page.getByText('没有符合筛选条件的地点。').count()).toBe(1)
    expect(escaped(guard)).toEqual([])
    await guard.context.close()
  })

  it('switches to English in one tap and remembers it', async () => {
    await freshPage()
    await page.goto(stack.url)
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await poll(() => page.locator('h1').textContent()).toBe('Jiangbei service map')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await poll(() => page.getByRole('button', { name: 'Water', exact: true }).count()).toBe(1)
    await poll(heading).toMatch(/^\d+ places$/)
    await page.reload()
    await poll(() => page.getByRole('button', { name: 'Meal heating', exact: true }).count()).toBe(1)
    await page.getByRole('button', { name: /Switch to Chinese/ }).click()
    await poll(() => page.locator('h1').textContent()).toBe('江北便民服务地图')
    await guard.context.close()
  })

  it('restores a shared view from its URL and walks back through views', async () => {
    // A station of this test's own with drinking water, a few steps from where the shared view stands.
    const station = await createPlace({ id: 'test-browse-shared', name_zh: '浏览测试分享驿站', location: [121.5533, 29.8889] })
    await freshPage()
    await page.goto(`${stack.url}/?place=${station.id}&amenity=drinking_water&here=29.8888,121.5532,gps&map=16/29.8888/121.5532`)
    await poll(() => page.locator('#details-heading').textContent()).toBe(station.name_zh)

    await page.getByRole('button', { name: /返回列表/ }).click()
    await poll(heading).toContain('由近到远')
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`place-${station.id}`)
    expect(await page.getByRole('button', { name: '饮用水', exact: true }).getAttribute('aria-pressed')).toBe('true')
    const second = items().nth(1)
    const secondId = (await second.getAttribute('id'))!.replace('place-', '')
    await second.click()
    await poll(() => page.url()).toContain(`place=${secondId}`)

    await page.goBack()
    await poll(() => page.url()).not.toContain('place=')
    await poll(heading).toContain('由近到远')
    await page.goBack()
    await poll(() => page.locator('#details-heading').textContent()).toBe(station.name_zh)
    await page.goForward()
    await page.goForward()
    await poll(() => page.url()).toContain(`place=${secondId}`)
    expect(escaped(guard)).toEqual([])
    await guard.context.close()
  })

  it('offers to widen an empty nearby search', async () => {
    await freshPage()
    await page.goto(
      `${stack.url}/?here=29.8888,121.5532,gps&r=300&amenity=meal_heating,toilet,ebike_charging&open=1&category=clinic`,
    )
    await poll(() => page.getByRole('status').filter({ hasText: '扩大范围' }).count()).toBe(1)
    expect(await page.getByRole('status').filter({ hasText: '扩大范围' }).textContent()).toContain(
      '300 米内没有正在开放的提供热饭',
    )
    await page.getByRole('button', { name: /扩大到 10 公里/ }).click()
    await poll(() => page.url()).toContain('r=10000')
    await guard.context.close()
  })

  it('says so when the API is down, and recovers on retry', async () => {
    await freshPage()
    let down = true
    await page.route('**/api/v1/**', (route) =>
      down
        ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"detail":"down"}' })
        : route.fallback(),
    )
    await page.goto(stack.url)
    await poll(() => page.getByRole('alert').textContent()).toContain('暂时无法连接服务')
    down = false
    await page.getByRole('button', { name: '重试' }).click()
    await poll(heading).toMatch(/^\d+ 个地点$/)
    await guard.context.close()
  })
})
