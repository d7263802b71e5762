import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestPlace, removeTestPlaces, uniqueName } from '../helpers/staff.js'
import { shanghai } from '../helpers/test-db.js'
import { escaped, phoneContext, poll, shot, type GuardedContext } from './helpers/browser.js'
import { webStackForFile } from './helpers/web-stack.js'

let now = shanghai('2026-11-25T10:00')
let placeId: string

const everyDay = (from: string, to: string) =>
  Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [[from, to]]]))

const stack = webStackForFile(() => now)
beforeAll(async () => {
  // Open round the clock, self-service behind a scan-in, someone on duty 09:00–17:00; the microwave is broken.
  placeId = await createTestPlace('waitan-union', {
    name_zh: uniqueName('无人值守驿站'),
    opening_hours: { weekly: everyDay('00:00', '24:00') },
    staffed_hours: { weekly: everyDay('09:00', '17:00'), holidays: 'closed' },
    access: { method: 'scan_code', note_zh: '扫门口二维码进入', note_en: 'Scan the code at the door' },
    amenity_status: { meal_heating: { status: 'out_of_order', until: '2026-12-01', reason_zh: '微波炉维修' } },
  })
})
afterAll(async () => {
  await removeTestPlaces()
})

/** A new phone (fresh HTTP cache) on the place's page at the server's current instant. */
async function openPlace(): Promise<{ page: Page; guard: GuardedContext }> {
  const guard = await phoneContext(stack.browser)
  const page = await guard.context.newPage()
  await page.goto(`${stack.url}/?place=${placeId}`)
  await page.locator('#details-heading').waitFor()
  return { page, guard }
}
const staffing = (page: Page) => page.locator('.details .live-status [data-staffing]').textContent()

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('live truth on a phone', { timeout: 90_000, retry: 1 }, () => {
  it('shows staffed hours by day and self-service with how to get in at night, and the broken microwave', async () => {
    now = shanghai('2026-11-25T10:00')
    const day = await openPlace()
    await poll(() => staffing(day.page)).toBe('有人值守')
    await poll(() => day.page.locator('.details .live-line.outage').textContent()).toBe('热饭暂停 至 12/1')
    await expect(day.page.locator('.details .access').textContent()).resolves.toContain('扫码进入 — 扫门口二维码进入')
    expect(await day.page.locator('.week-hours').textContent()).toContain('值守 09:00–17:00')
    await day.guard.context.close()

    now = shanghai('2026-11-25T22:00')
    const night = await openPlace()
    await poll(() => staffing(night.page)).toBe('无人值守 · 扫码进入')
    await shot(night.page, 'live-truth-phone')
    await night.page.getByRole('button', { name: 'Switch to English' }).click()
    await poll(() => staffing(night.page)).toBe('Self-service now · scan the code to enter')
    expect(escaped(night.guard)).toEqual([])
    await night.guard.context.close()
  })

  it('shows the coming week with National Day and the make-up workday named', async () => {
    const weekday = [['09:00', '17:00']]
    placeId = await createTestPlace('waitan-union', {
      name_zh: uniqueName('节假日驿站'),
      opening_hours: { weekly: { mo: weekday, tu: weekday, we: weekday, th: weekday, fr: weekday }, holidays: 'closed' },
    })
    now = shanghai('2026-09-28T10:00')
    const { page, guard } = await openPlace()
    const rows = page.locator('.week-hours tbody tr')
    await poll(() => rows.count()).toBe(7)
    expect(await rows.nth(3).textContent()).toBe('10/1 周四休息国庆节放假')
    expect(await rows.nth(0).textContent()).toBe('9/28 周一 (今天)09:00–17:00')
    expect(await page.locator('.holiday-rule-line').textContent()).toBe('法定节假日：休息（调休上班日按周一时间）')
    await page.locator('.week-hours').scrollIntoViewIfNeeded()
    await shot(page, 'live-truth-week', { fullPage: false })
    await guard.context.close()
  })

  it('takes a one-tap confirmation and shows the new summary at once', async () => {
    now = shanghai('2026-11-25T10:00')
    const { page, guard } = await openPlace()
    await page.getByRole('button', { name: '现在开着 ✓' }).click()
    await poll(() => page.locator('.confirm-thanks').textContent()).toContain('谢谢')
    await poll(() => page.locator('.details .live-line.confirmed').first().textContent()).toMatch(/^1 人确认开放 · /)
    await guard.context.close()
  })
})
