/**
 * Issue 12, search that understands needs, in Chromium over the production stack: the words a worker types
 * ("厕所", "toilet", "water", "热饭", "microwave", "clinic", "卫生") find the places with that facility or of that
 * kind, in Chinese and on an English browser, and English names keep the brand.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shanghai } from '../helpers/test-db.js'
import { escaped, phoneContext, poll } from './helpers/browser.js'
import { webStackForFile } from './helpers/web-stack.js'

const NOW = shanghai('2026-11-25T10:00')
const stack = webStackForFile(() => NOW)

/** Ids of every place the API returns for a query, all pages. */
async function ids(query: string): Promise<string[]> {
  const found: string[] = []
  let cursor = ''
  do {
    const page = await (await fetch(`${stack.url}/api/v1/places?${query}&limit=200${cursor}`)).json<{
      features: Array<{ id: string }>
      next_cursor: string | null
    }>()
    found.push(...page.features.map((f) => f.id))
    cursor = page.next_cursor ? `&cursor=${page.next_cursor}` : ''
  } while (cursor)
  return found.sort()
}

async function search(page: Page, label: string, words: string) {
  const box = page.getByLabel(label)
  await box.fill(words)
  await box.press('Enter')
  await poll(() => new URL(page.url()).searchParams.get('q')).toBe(words)
}
/**
 * Ids of the places the page lists once it lists every place the API finds for `query` ("show all" tapped when the
 * list is cut short). Waiting for that set, not for the count to stop changing, also rules out reading the list of
 * the search before (which can have the same number of places).
 */
async function listed(page: Page, query: string): Promise<string[]> {
  const expected = await ids(query)
  const links = page.locator('ol.place-list > li a.place-item')
  const more = page.locator('button.show-all')
  const read = async () => (await links.evaluateAll((links) => links.map((a) => a.id.replace('place-', '')))).sort()
  await poll(async () => {
    // The list draws its first entries at once, the rest when the phone is idle, and the rest of all on request.
    if (await more.isVisible()) await more.click({ timeout: 1_000 }).catch(() => undefined)
    return read()
  }).toEqual(expected)
  return read()
}

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('search words in Chromium', { timeout: 90_000, retry: 1 }, () => {
  it('finds the places with a facility for its everyday words, and clinics for "卫生", in Chinese', async () => {
    const guard = await phoneContext(stack.browser)
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    await poll(() => page.locator('.results-heading').textContent()).toMatch(/^\d+ 个地点$/)
    const label = '搜索地点、街道或地址'

    const toilets = await ids('amenity=toilet')
    expect(toilets.length).toBeGreaterThan(5)
    for (const words of ['厕所', '卫生间']) {
      await search(page, label, words)
      await poll(() => page.locator('.results-heading').textContent()).toBe(`${(await ids(`q=${words}`)).length} 个地点`)
      expect(await listed(page, `q=${words}`)).toEqual(expect.arrayContaining(toilets))
      // Each one shows the facility as a word, so the person sees why it was found.
      for (const words of await page.locator('ol.place-list .amenity-words').allTextContents()) expect(words).toContain('厕所')
    }

    const heating = await ids('amenity=meal_heating')
    await search(page, label, '微波炉')
    await poll(() => page.locator('.results-heading').textContent()).toBe(`${(await ids('q=微波炉')).length} 个地点`)
    expect(await listed(page, 'q=微波炉')).toEqual(expect.arrayContaining(heating))

    // "卫生" (as in 卫生院, 社区卫生服务中心) finds every clinic, not just the ones with it in the name.
    const clinics = await ids('category=clinic')
    await search(page, label, '卫生')
    await poll(() => page.locator('.results-heading').textContent()).toMatch(/^\d+ 个地点$/)
    const found = await listed(page, 'q=卫生')
    for (const id of clinics) expect(found).toContain(id)
    expect(escaped(guard)).toEqual([])
    await guard.context.close()
  })

  it('understands "toilet", "water", "microwave" and "clinic" on an English browser, and names shops by brand', async () => {
    const guard = await phoneContext(stack.browser, { locale: 'en-GB' })
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    await poll(() => page.locator('.results-heading').textContent()).toMatch(/^\d+ places$/)
    const label = 'Search places, streets or addresses'

    for (const [words, query] of [
      ['toilet', 'amenity=toilet'],
      ['water', 'amenity=drinking_water'],
      ['microwave', 'amenity=meal_heating'],
      ['clinic', 'category=clinic'],
    ] as const) {
      const expected = await ids(query)
      expect(expected.length, query).toBeGreaterThan(5)
      await search(page, label, words)
      await poll(() => page.locator('.results-heading').textContent()).toBe(`${(await ids(`q=${words}`)).length} places`)
      expect(await listed(page, `q=${words}`), words).toEqual(expect.arrayContaining(expected))
    }
    // Shops are told apart by their brand in English too: no two listed names alike.
    await search(page, label, 'Caring Station')
    await poll(() => page.locator('.results-heading').textContent()).toBe(`${(await ids('q=Caring%20Station')).length} places`)
    await listed(page, 'q=Caring%20Station')
    const names = await page.locator('ol.place-list .place-name').allTextContents()
    expect(names.length).toBeGreaterThan(50)
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([])
    expect(names.some((n) => /^(Lawson|Alldays|Meiyijia|Shizu|C-Store) /.test(n))).toBe(true)
    expect(names.some((n) => /Convenience Store \(/.test(n))).toBe(false)
    await guard.context.close()
  })
})
