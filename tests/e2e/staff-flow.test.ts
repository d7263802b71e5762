/**
 * The staff area in Chromium, served as production serves it (security headers and CSP on every response):
 * an editor signs in, marks meal heating broken and the station temporarily closed, the public page shows it at
 * once, and a public report (with a script payload) reaches the editor's inbox as plain text.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, createTestPlace, ORG_WAITAN, PASSWORD, placeRow, removeTestPlaces, uniqueName } from '../helpers/staff.js'
import { shanghai } from '../helpers/test-db.js'
import { escaped, launchBrowser, phoneContext, poll } from './helpers/browser.js'
import { startWebServer, type RunningServer } from './helpers/server.js'
import { ensureWebBuild } from './helpers/web-build.js'

afterAll(removeTestPlaces)

let server: RunningServer
let base: string
let browser: Browser

beforeAll(async () => {
  ensureWebBuild()
  server = await startWebServer(() => shanghai('2026-11-25T10:00'))
  base = server.url
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('staff area in Chromium', { timeout: 120_000, retry: 1 }, () => {
  it('edits a station, the public page shows it at once, and a public report arrives as text', async () => {
    const editor = await createStaff('editor', [ORG_WAITAN])
    const name = `江北测试驿站${uniqueName('e2e')}`
    const placeId = await createTestPlace(ORG_WAITAN, { name_zh: name })
    const guard = await phoneContext(browser, { viewport: { width: 1000, height: 900 }, isMobile: false, hasTouch: false })
    const page = await guard.context.newPage()
    const cspViolations: string[] = []
    const dialogs: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text())
    })
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })

    await page.goto(`${base}/staff`)
    await page.getByLabel('用户名').fill(editor.username)
    await page.getByLabel('密码').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    const row = page.locator(`li[data-place-id="${placeId}"]`)
    await row.getByRole('link', { name: '编辑' }).click()

    await page.getByRole('checkbox', { name: '热饭' }).uncheck()
    await page.locator('select[name=status]').selectOption('temporarily_closed')
    await page.locator('input[name=status_reason]').fill('热饭设备维修中')
    await page.getByRole('button', { name: '保存' }).click()
    await poll(() => page.getByRole('status').textContent()).toBe('已保存')
    const saved = await placeRow(placeId)
    expect(saved.amenities).not.toContain('meal_heating')
    expect(saved.status).toBe('temporarily_closed')

    const pub = await guard.context.newPage()
    await pub.goto(`${base}/?place=${placeId}`)
    await poll(() => pub.locator('.status-reason').textContent()).toBe('热饭设备维修中')
    expect(await pub.locator('ul.amenities').textContent()).not.toContain('热饭')

    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>坏了'
    await pub.getByRole('button', { name: '报告问题' }).click()
    await pub.locator('.report-form select[name=kind]').selectOption('other')
    await pub.locator('.report-form textarea[name=message]').fill(payload)
    await pub.getByRole('button', { name: '提交' }).click()
    await poll(() => pub.getByRole('status').textContent()).toContain('谢谢')

    await page.goto(`${base}/staff#/inbox`)
    const item = page.locator('ul.inbox > li', { hasText: name })
    await poll(() => item.locator('.report-message').textContent()).toBe(payload)
    expect(await item.locator('.report-message img, .report-message script').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(cspViolations).toEqual([])
    expect(escaped(guard)).toEqual([])
    await guard.context.close()
  })

  it('edits weekly hours, shows a conflict when someone saved first, and lists both edits in the history', async () => {
    const editor = await createStaff('editor', [ORG_WAITAN])
    const placeId = await createTestPlace(ORG_WAITAN)
    const guard = await phoneContext(browser, { viewport: { width: 1000, height: 900 }, isMobile: false, hasTouch: false })
    const page = await guard.context.newPage()
    await page.goto(`${base}/staff`)
    await page.getByLabel('用户名').fill(editor.username)
    await page.getByLabel('密码').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.locator(`li[data-place-id="${placeId}"]`).getByRole('link', { name: '编辑' }).click()
    await page.locator('input[name=phone]').fill('0574-8888')

    // Meanwhile a colleague changes the phone through the API (same session cookie, another tab).
    const colleague = await page.evaluate(async (id) => {
      const etag = (await fetch(`/api/v1/places/${id}`)).headers.get('etag')!
      const res = await fetch(`/api/v1/places/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': etag },
        body: JSON.stringify({ phone: '0574-7777' }),
      })
      return res.status
    }, placeId)
    expect(colleague).toBe(200)

    const monday = page.getByRole('group', { name: '周一' })
    await monday.getByRole('button', { name: '添加时段' }).click()
    await monday.getByLabel('周一 2 opens').fill('21:00')
    await monday.getByLabel('周一 2 closes').fill('26:00')
    await page.getByRole('button', { name: '保存' }).click()
    const conflict = page.locator('.conflict')
    await poll(() => conflict.locator('tr[data-field=phone]').textContent()).toContain('0574-7777')
    await conflict.getByRole('button', { name: '用我的修改覆盖并保存' }).click()
    await page.getByRole('button', { name: '保存' }).click()
    await poll(() => page.getByRole('status').textContent()).toBe('已保存')
    const row = await placeRow(placeId)
    expect(row.phone).toBe('0574-8888')
    expect(row.opening_hours?.weekly.mo).toEqual([
      ['08:00', '20:00'],
      ['21:00', '26:00'],
    ])

    await page.goto(`${base}/staff#/history/${placeId}`)
    await poll(() => page.locator('ol.timeline > li').count()).toBe(2)
    expect(await page.locator('ol.timeline').textContent()).toContain('0574-7777')
    await guard.context.close()
  })
})
