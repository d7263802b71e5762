/**
 * The staff area in Chromium against the production Node stack (gzip, security headers and CSP on every
 * response): an editor saves and the public page shows it; a public report arrives as text; two tabs editing
 * different fields both save; two tabs editing the same field get a readable conflict, and "keep mine" sends only
 * the person's fields; history in zh and en; the hours editor's copy, Shanghai-dated exceptions and their notes.
 */
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createStaff, createTestPlace, ORG_WAITAN, PASSWORD, placeRow, removeTestPlaces, uniqueName } from '../helpers/staff.js'
import { escaped, phoneContext, poll, shot } from './helpers/browser.js'
import { webStackForFile } from './helpers/web-stack.js'

afterAll(removeTestPlaces)

const stack = webStackForFile()

const DESKTOP = { viewport: { width: 1000, height: 900 }, isMobile: false, hasTouch: false }

async function signInAs(page: Page, username: string) {
  await page.goto(`${stack.url}/staff`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.locator('.staff-nav').waitFor()
}

async function openEditor(page: Page, placeId: string) {
  await page.goto(`${stack.url}/staff#/edit/${placeId}`)
  await page.locator('form.place-editor').waitFor()
}

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('staff area in Chromium', { timeout: 120_000, retry: 1 }, () => {
  it('edits a station, the public page shows it at once, and a public report arrives as text', async () => {
    const editor = await createStaff('editor', [ORG_WAITAN])
    const name = `江北测试驿站${uniqueName('e2e')}`
    const placeId = await createTestPlace(ORG_WAITAN, { name_zh: name })
    const guard = await phoneContext(stack.browser, { viewport: { width: 1000, height: 900 }, isMobile: false, hasTouch: false })
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

    await page.goto(`${stack.url}/staff`)
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
    await pub.goto(`${stack.url}/?place=${placeId}`)
    await poll(() => pub.locator('.status-reason').textContent()).toBe('热饭设备维修中')
    expect(await pub.locator('ul.amenities').textContent()).not.toContain('热饭')

    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>坏了'
    await pub.getByRole('button', { name: '报告问题' }).click()
    await pub.locator('.report-form select[name=kind]').selectOption('other')
    await pub.locator('.report-form textarea[name=message]').fill(payload)
    await pub.getByRole('button', { name: '提交' }).click()
    await poll(() => pub.getByRole('status').textContent()).toContain('谢谢')

    await page.goto(`${stack.url}/staff#/inbox`)
    const item = page.locator('ul.inbox > li', { hasText: name })
    await poll(() => item.locator('.report-message').textContent()).toBe(payload)
    expect(await item.locator('.report-message img, .report-message script').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(cspViolations).toEqual([])
    expect(escaped(guard)).toEqual([])
    await guard.context.close()
  })

  it('saves from two tabs editing different fields, and both changes stay', async () => {
    const editor = await createStaff('editor', [ORG_WAITAN])
    const placeId = await createTestPlace(ORG_WAITAN)
    const guard = await phoneContext(stack.browser, DESKTOP)
    const [tabA, tabB] = [await guard.context.newPage(), await guard.context.newPage()]
    const encodings: string[] = []
    tabA.on('response', (r) => {
      if (r.url().includes(`/api/v1/places/${placeId}`)) encodings.push(r.headers()['content-encoding'] ?? 'identity')
    })
    await signInAs(tabA, editor.username)
    await openEditor(tabA, placeId)
    await openEditor(tabB, placeId)

    await tabA.locator('select[name=status]').selectOption('temporarily_closed')
    await tabA.locator('input[name=status_reason]').fill('装修，12月1日恢复')
    await tabA.getByRole('button', { name: '保存' }).click()
    await poll(() => tabA.getByRole('status').textContent()).toBe('已保存')
    // gzip on, as npm start serves it: the ETag the editor sends back is the weak one.
    expect(encodings).toContain('gzip')

    await tabB.getByRole('checkbox', { name: '厕所' }).check()
    await tabB.getByRole('button', { name: '保存' }).click()
    await poll(() => tabB.getByRole('status').textContent()).toBe('已保存')
    expect(await tabB.locator('.conflict').count()).toBe(0)
    // Tab B now shows what tab A saved.
    expect(await tabB.locator('select[name=status]').inputValue()).toBe('temporarily_closed')
    expect(await placeRow(placeId)).toMatchObject({
      status: 'temporarily_closed',
      status_reason: '装修，12月1日恢复',
      amenities: ['drinking_water', 'meal_heating', 'toilet'],
      version: 3,
    })
    await guard.context.close()
  })

  it('shows a readable conflict when two tabs change the same field, and "keep mine" writes only my fields', async () => {
    const editor = await createStaff('editor', [ORG_WAITAN])
    const placeId = await createTestPlace(ORG_WAITAN)
    const guard = await phoneContext(stack.browser, DESKTOP)
    const [tabA, tabB] = [await guard.context.newPage(), await guard.context.newPage()]
    await signInAs(tabA, editor.username)
    await openEditor(tabA, placeId)
    await openEditor(tabB, placeId)
    const sent: Array<Record<string, unknown>> = []
    tabB.on('request', (r) => {
      if (r.method() === 'PATCH') sent.push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>)
    })

    await tabA.locator('input[name=phone]').fill('0574-7777')
    await tabA.locator('select[name=status]').selectOption('temporarily_closed')
    await tabA.locator('input[name=status_reason]').fill('停电检修')
    await tabA.getByRole('button', { name: '保存' }).click()
    await poll(() => tabA.getByRole('status').textContent()).toBe('已保存')

    await tabB.locator('input[name=phone]').fill('0574-8888')
    const monday = tabB.getByRole('group', { name: '周一', exact: true })
    await monday.getByRole('button', { name: '添加时段' }).click()
    await monday.getByLabel('周一 2 opens').fill('21:00')
    await monday.getByLabel('周一 2 closes').fill('26:00')
    await tabB.getByRole('button', { name: '保存' }).click()
    const conflict = tabB.locator('.conflict')
    const phoneRow = conflict.locator('tr[data-field=phone]')
    await poll(() => phoneRow.locator('th').textContent()).toBe('电话')
    expect(await phoneRow.locator('td').allTextContents()).toEqual(['—', '0574-7777', '0574-8888'])
    expect(await conflict.locator('tbody tr').count()).toBe(1)
    expect(await conflict.textContent()).toContain('开放时间')
    // The form already shows tab A's status; only my fields are still mine.
    expect(await tabB.locator('select[name=status]').inputValue()).toBe('temporarily_closed')
    await shot(tabB, 'conflict-zh')
    await tabB.getByRole('button', { name: 'English' }).click()
    await poll(() => phoneRow.locator('th').textContent()).toBe('Phone')
    expect(await conflict.locator('thead').textContent()).toContain('When you opened it')
    await shot(tabB, 'conflict-en')
    await tabB.getByRole('button', { name: '中文' }).click()

    await conflict.getByRole('button', { name: '用我的修改覆盖并保存' }).click()
    await poll(() => tabB.getByRole('status').textContent()).toBe('已保存')
    expect(sent.map((body) => Object.keys(body).sort())).toEqual([
      ['opening_hours', 'phone'],
      ['opening_hours', 'phone'],
    ])
    const row = await placeRow(placeId)
    expect(row).toMatchObject({ phone: '0574-8888', status: 'temporarily_closed', status_reason: '停电检修' })
    expect(row.opening_hours?.weekly.mo).toEqual([
      ['08:00', '20:00'],
      ['21:00', '26:00'],
    ])

    await tabB.goto(`${stack.url}/staff#/history/${placeId}`)
    const timeline = tabB.locator('ol.timeline')
    await poll(() => timeline.locator('> li').count()).toBe(2)
    const zh = (await timeline.textContent())!
    for (const word of ['电话', '0574-7777', '状态', '暂停服务', '开放时间', '周一 08:00–20:00，21:00–02:00 (+1)'])
      expect(zh).toContain(word)
    expect(zh).not.toMatch(/temporarily_closed|opening_hours|status_reason|[{}"]/)
    await shot(tabB, 'history-zh')
    await tabB.getByRole('button', { name: 'English' }).click()
    await poll(() => timeline.locator('dt').first().textContent()).toMatch(/^[A-Z]/)
    const english = (await timeline.textContent())!
    for (const word of ['Phone', 'Status', 'Temporarily closed', 'Opening hours']) expect(english).toContain(word)
    expect(english).not.toMatch(/temporarily_closed|opening_hours|[{}"]/)
    await shot(tabB, 'history-en')
    await guard.context.close()
  })

  it('copies hours to the weekdays, starts an exception on today in Shanghai, and the public sees its note', async () => {
    const editor = await createStaff('editor', [ORG_WAITAN])
    const placeId = await createTestPlace(ORG_WAITAN)
    // A browser whose own zone is UTC, at 18:00 UTC: already the next day in Shanghai.
    const guard = await phoneContext(stack.browser, { ...DESKTOP, timezoneId: 'UTC' })
    await guard.context.clock.setFixedTime(new Date('2026-11-25T18:00:00Z'))
    const page = await guard.context.newPage()
    await signInAs(page, editor.username)
    await openEditor(page, placeId)
    await page.getByRole('button', { name: '周一: 复制到周一至周五' }).click()
    await page.getByRole('button', { name: '添加特殊日期' }).click()
    expect(await page.locator('input[name=exception_date]').inputValue()).toBe('2026-11-26')
    await page.locator('input[name=exception_note_zh]').fill('国庆休息')
    await page.locator('input[name=exception_note_en]').fill('Closed for the holiday')
    await shot(page, 'editor-zh')
    await page.getByRole('button', { name: '保存' }).click()
    await poll(() => page.getByRole('status').textContent()).toBe('已保存')
    const hours = (await placeRow(placeId)).opening_hours!
    expect(hours.weekly.fr).toEqual([['08:00', '20:00']])
    expect(hours.weekly.sa).toBeUndefined()
    expect(hours.exceptions).toEqual([
      { date: '2026-11-26', intervals: [], note_zh: '国庆休息', note_en: 'Closed for the holiday' },
    ])
    await page.getByRole('button', { name: 'English' }).click()
    await poll(() => page.getByRole('button', { name: 'Save' }).count()).toBe(1)
    await shot(page, 'editor-en')

    const pub = await guard.context.newPage()
    await pub.goto(`${stack.url}/?place=${placeId}`)
    await poll(() => pub.locator('ul.exceptions').textContent()).toContain('Closed for the holiday')
    await guard.context.close()
  })

  it('imports a GBK file from the staff view and reports a bad row by line, in Chinese', async () => {
    const admin = await createStaff('admin')
    const guard = await phoneContext(stack.browser, DESKTOP)
    const page = await guard.context.newPage()
    await signInAs(page, admin.username)
    await page.goto(`${stack.url}/staff#/import`)
    const file = page.locator('input[name=import_file]')
    await file.setInputFiles('tests/data/fixtures/import/unquoted-comma.csv')
    await page.getByRole('button', { name: '检查' }).click()
    const bad = page.locator('.import-report tr[data-code=field_count]')
    await poll(() => bad.locator('td').first().textContent()).toBe('2')
    expect(await bad.textContent()).toContain('这一行有 10 个字段，而表头有 9 列')
    expect(await page.getByRole('button', { name: '导入' }).isDisabled()).toBe(true)
    await shot(page, 'import-zh')

    await file.setInputFiles('tests/data/fixtures/import/gbk-chinese-headers.csv')
    await page.locator('select[name=crs]').selectOption('wgs84')
    await page.getByRole('button', { name: '检查' }).click()
    await poll(() => page.locator('.import-report').textContent()).toContain('文件编码：GBK / GB18030')
    expect(await page.locator('.import-report').textContent()).toContain('共 2 行：2 行有效')
    await guard.context.close()
  })
})
