/**
 * Issue 12, in a real phone-sized Chromium over the production stack: the first screen with location granted,
 * every tap target ≥ 44 × 44 CSS px (≥ 60 in 关怀模式), English for an English browser, the report form.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shanghai } from '../helpers/test-db.js'
import { escaped, JIANGBEI_HERE, phoneContext, poll } from './helpers/browser.js'
import { createPlace } from '../helpers/fixtures.js'
import { webStackForFile } from './helpers/web-stack.js'

const NOW = shanghai('2026-11-25T10:00')

const stack = webStackForFile(() => NOW)

const items = (page: Page) => page.locator('ol.place-list > li a')

/** Every visible interactive element smaller than the minimum (the inline map attribution link excepted). */
async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const selector =
      'a[href], button, select, input, textarea, summary, [role="button"], .leaflet-marker-icon.leaflet-interactive'
    const small: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.closest('.leaflet-control-attribution') || el.classList.contains('skip-link')) continue
      const box = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue
      if ((el as HTMLInputElement).type === 'radio') continue // inside its 44-px label, which is the target
      if (box.width < min - 0.5 || box.height < min - 0.5)
        small.push(
          `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        )
    }
    return small
  }, min)
}

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('field-ready public map on a 360 × 640 phone', { timeout: 90_000, retry: 1 }, () => {
  it('opens with location granted on the nearest open places, three above the fold, top needs in one view', async () => {
    const guard = await phoneContext(stack.browser, { geolocation: JIANGBEI_HERE, permissions: ['geolocation'] })
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    // No tap: the permission was already granted, so the list is nearest first.
    await poll(() => page.locator('.results-heading').textContent()).toContain('由近到远')
    expect(await page.locator('.boot').count()).toBe(0)
    const first = items(page).first()
    expect(await first.textContent()).toContain('营业中')
    expect(await first.textContent()).toMatch(/\d+ 米/)
    // Open places first, then the others, each group nearest first.
    const statuses = await items(page).evaluateAll((links) =>
      links.map((a) => (a.querySelector('.status-open, .status-soon') && !a.querySelector('.arrival-closed') ? 0 : 1)),
    )
    expect(statuses).toEqual([...statuses].sort())
    // At least three entries wholly above the fold.
    const boxes = await items(page).evaluateAll((links) => links.slice(0, 3).map((a) => a.getBoundingClientRect().bottom))
    expect(boxes.length).toBe(3)
    for (const bottom of boxes) expect(bottom).toBeLessThanOrEqual(640)
    // The top needs: reachable without sideways scrolling, in at most two rows (the space kept for them).
    const rows = await page
      .getByRole('group', { name: '常用需求' })
      .getByRole('button')
      .evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size)
    expect(rows).toBeLessThanOrEqual(2)
    for (const name of ['正在开放', '饮用水', '手机充电', '热饭', '厕所']) {
      const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(360)
    }
    // Facilities as words beside their icons.
    expect(await first.locator('.amenity-words').textContent()).toMatch(/饮用水|手机充电|热饭|厕所/)
    // A chosen filter from "more" stays in view once "more" is closed.
    await page.getByRole('button', { name: '更多筛选' }).click()
    await page.getByRole('button', { name: '无障碍通道', exact: true }).click()
    await page.getByRole('button', { name: '收起筛选' }).click()
    const chosen = page.getByRole('button', { name: '无障碍通道', exact: true })
    await poll(() => chosen.getAttribute('aria-pressed')).toBe('true')
    expect(await chosen.isVisible()).toBe(true)
    expect(escaped(guard)).toEqual([])
    await guard.context.close()
  })

  it('gives an English phone the same first screen: three entries above the fold, top needs in two rows, no shift', async () => {
    const guard = await phoneContext(stack.browser, {
      locale: 'en-US',
      geolocation: JIANGBEI_HERE,
      permissions: ['geolocation'],
    })
    // Every layout shift from the first paint on (the list arriving must not push the screen about).
    await guard.context.addInitScript(() => {
      const w = window as unknown as { shifts: number }
      w.shifts = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.shifts += (entry as unknown as { value: number }).value
      }).observe({ type: 'layout-shift', buffered: true })
    })
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    await poll(() => page.locator('.results-heading').textContent()).toContain('nearest')
    await poll(() => page.locator('.leaflet-container').count()).toBe(1)
    const boxes = await items(page).evaluateAll((links) => links.slice(0, 3).map((a) => a.getBoundingClientRect().bottom))
    expect(boxes.length).toBe(3)
    for (const bottom of boxes) expect(bottom).toBeLessThanOrEqual(640)
    // The top needs and "more": inside the screen's width, in at most two rows.
    const chips = await page
      .getByRole('group', { name: 'Top needs' })
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect()).map((r) => ({ top: r.top, right: r.right })))
    expect(chips.length).toBe(6)
    expect(new Set(chips.map((c) => Math.round(c.top))).size).toBeLessThanOrEqual(2)
    for (const chip of chips) expect(chip.right).toBeLessThanOrEqual(360)
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBeLessThan(0.01)
    await guard.context.close()
  })

  it('keeps every tap target at least 44 × 44, and 60 × 60 in 关怀模式 with 18-px text, remembered', async () => {
    const guard = await phoneContext(stack.browser, { geolocation: JIANGBEI_HERE, permissions: ['geolocation'] })
    const page = await guard.context.newPage()
    await page.goto(`${stack.url}/?here=29.8888,121.5532,gps&map=17/29.8888/121.5532`)
    await poll(() => items(page).count()).toBeGreaterThan(2)
    await poll(() => page.locator('.leaflet-marker-icon').count()).toBeGreaterThan(0)
    expect(await smallTargets(page, 44)).toEqual([])
    await page.getByRole('button', { name: '更多筛选' }).click()
    await page.locator('.map-options summary').click()
    expect(await smallTargets(page, 44)).toEqual([])
    await page.locator('.map-options summary').click()

    await items(page).first().click()
    await poll(() => page.locator('#details-heading').count()).toBe(1)
    await page.getByRole('button', { name: '报告问题' }).click()
    await page.locator('select[name="kind"]').selectOption('amenity_broken')
    expect(await smallTargets(page, 44)).toEqual([])

    await page.getByRole('button', { name: /关怀模式/ }).click()
    await page.reload()
    await poll(() => page.evaluate(() => document.documentElement.classList.contains('care'))).toBe(true)
    await poll(() => page.locator('#details-heading').count()).toBe(1)
    const textSize = await page
      .locator('.status')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(textSize).toBeGreaterThanOrEqual(18)
    const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))
    expect(bodySize).toBeGreaterThanOrEqual(18)
    expect(await smallTargets(page, 60)).toEqual([])
    await guard.context.close()
  })

  it('lists only the station’s own facilities in the report form, none chosen', async () => {
    const station = await createPlace({
      name_zh: '报告表单测试驿站',
      amenities: ['toilet', 'drinking_water', 'phone_charging', 'wifi'],
    })
    const guard = await phoneContext(stack.browser)
    const page = await guard.context.newPage()
    await page.goto(`${stack.url}/?place=${station.id}`)
    await poll(() => page.locator('#details-heading').count()).toBe(1)
    const own = await (await fetch(`${stack.url}/api/v1/places/${station.id}`)).json<{
      properties: { amenities: string[] }
    }>()
    await page.getByRole('button', { name: '报告问题' }).click()
    await page.locator('select[name="kind"]').selectOption('amenity_broken')
    const select = page.locator('select[name="amenity"]')
    expect(await select.inputValue()).toBe('')
    const values = await select
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
    expect(values).toEqual(own.properties.amenities)
    expect([...values].sort()).toEqual([...station.amenities].sort())
    await guard.context.close()
  })

  it('speaks English to a browser set to English, until the person chooses', async () => {
    const guard = await phoneContext(stack.browser, { locale: 'en-US' })
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    await poll(() => page.locator('h1').textContent()).toBe('Jiangbei service map')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await page.getByRole('button', { name: /Switch to Chinese/ }).click()
    await page.reload()
    await poll(() => page.locator('h1').textContent()).toBe('江北便民服务地图')
    await guard.context.close()
  })
})
