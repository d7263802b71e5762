/**
 * The staff live-truth screens in Chromium: an editor marks a facility out of order with staffed hours and a scan-in,
 * sees the public's confirmations and the inbox flag; an administrator imports next year's holidays.
 */
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createStaff, createTestPlace, ORG_WAITAN, PASSWORD, placeRow, removeTestPlaces, uniqueName } from '../helpers/staff.js'
import { testDatabase } from '../helpers/test-db.js'
import { phoneContext, poll, shot } from './helpers/browser.js'
import { webStackForFile } from './helpers/web-stack.js'

const stack = webStackForFile()
afterAll(async () => {
  await removeTestPlaces()
  const { db } = await testDatabase()
  await db.deleteFrom('holiday_calendar').where('date', '>=', '2027-01-01').where('date', '<=', '2027-12-31').execute()
})

async function signedIn(role: 'admin' | 'editor'): Promise<Page> {
  const staff = await createStaff(role, role === 'editor' ? [ORG_WAITAN] : [])
  const guard = await phoneContext(stack.browser, { viewport: { width: 1000, height: 900 }, isMobile: false, hasTouch: false })
  const page = await guard.context.newPage()
  await page.goto(`${stack.url}/staff`)
  await page.getByLabel('用户名').fill(staff.username)
  await page.getByLabel('密码').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.locator('.staff-nav').waitFor()
  return page
}

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('staff live-truth screens in Chromium', { timeout: 120_000, retry: 1 }, () => {
  it('an editor sets a facility out of order, staffed hours, access and the holiday rule; sees confirmations', async () => {
    const placeId = await createTestPlace(ORG_WAITAN, { name_zh: `值守测试站${uniqueName('e2e')}` })
    await fetch(`${stack.url}/api/v1/places/${placeId}/confirmations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: stack.url },
      body: JSON.stringify({ kind: 'closed' }),
    })
    await fetch(`${stack.url}/api/v1/places/${placeId}/confirmations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: stack.url },
      body: JSON.stringify({ kind: 'amenity_broken', amenity: 'meal_heating' }),
    })
    const page = await signedIn('editor')
    await page.goto(`${stack.url}/staff#/edit/${placeId}`)
    await poll(() => page.locator('.confirmation-timeline li').nth(1).textContent()).toContain('反映关闭')
    await expect(page.locator('.confirmation-timeline').textContent()).resolves.toContain('可能已关闭')

    // The public said meal heating is broken: one tap ticks "out of order" for it in the form.
    await page.getByRole('button', { name: '确认：设为暂停使用（保存后生效）' }).click()
    const meal = page.locator('.outage-list li[data-amenity="meal_heating"]')
    await expect(meal.getByRole('checkbox', { name: '暂停使用' }).isChecked()).resolves.toBe(true)
    await meal.locator('input[type=date]').fill('2026-12-01')
    await meal.getByLabel('原因（中文）').fill('微波炉维修')
    await page.locator('select[name=holidays]').selectOption('closed')
    await page.getByRole('button', { name: '设置值守时间' }).click()
    await page.locator('select[name=access_method]').selectOption('scan_code')
    await page.getByLabel('进入说明（中文）').fill('扫门口二维码')
    await page.getByRole('button', { name: '保存' }).click()
    await poll(() => page.getByRole('status').last().textContent()).toBe('已保存')
    const saved = await placeRow(placeId)
    expect(saved.amenity_status).toEqual({
      meal_heating: { status: 'out_of_order', until: '2026-12-01', reason_zh: '微波炉维修' },
    })
    expect(saved.access).toEqual({ method: 'scan_code', note_zh: '扫门口二维码' })
    expect(saved.opening_hours).toMatchObject({ holidays: 'closed' })
    expect(saved.staffed_hours).toEqual({ weekly: {} })

    await page.goto(`${stack.url}/staff#/inbox`)
    await poll(() => page.locator(`.flagged-places li[data-place-id="${placeId}"]`).getAttribute('data-flag')).toBe('closed')
  })

  it('an administrator checks and imports next year’s holidays', async () => {
    const page = await signedIn('admin')
    await page.getByRole('link', { name: '节假日' }).click()
    await poll(() => page.locator('.calendar-days tbody tr').count()).toBe(39)
    await page
      .locator('textarea[name=holiday_file]')
      .fill('日期,类型,名称,英文名称\n2027-01-01,放假,元旦,New Year\n2027-02-20,上班,春节,Spring Festival')
    await page.getByRole('button', { name: '检查' }).click()
    await poll(() => page.locator('.holiday-import [role=status]').textContent()).toContain('2027 年：放假 1 天，调休上班 1 天')
    await page.getByRole('button', { name: '导入' }).click()
    await poll(() => page.locator('.holiday-import [role=status]').textContent()).toBe('已导入：2027')
    await poll(() => page.locator('.calendar-days tbody tr').count()).toBe(2)
    await shot(page, 'holidays-staff')
  })
})
