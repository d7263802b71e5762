import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPlace } from '../helpers/fixtures.js'
import { phoneContext, poll } from './helpers/browser.js'
import { webStackForFile } from './helpers/web-stack.js'

const stack = webStackForFile()

// The places the views show, made here (open 08:00–20:00; the stack's clock is a Wednesday at 10:00).
const STATION = 'a11y-station'
const CLINIC = 'a11y-clinic'
beforeAll(async () => {
  await createPlace({
    id: STATION,
    name_zh: '无障碍测试驿站',
    name_en: 'Accessibility test station',
    location: [121.5534, 29.889],
  })
  await createPlace({
    id: CLINIC,
    category: 'clinic',
    details: { clinic_type: 'community_health_centre', services: ['general_practice'] },
    name_zh: '无障碍测试诊所',
    name_en: 'Accessibility test clinic',
    location: [121.554, 29.8895],
  })
})

async function seriousViolations(page: Page) {
  // wcag22aa brings target-size (as Lighthouse runs it): every tap target keeps 24 × 24 px clear of the others.
  // Legacy mode runs axe.run() in the page itself; the default opens a second page to merge per-frame results,
  // which costs ~0.6 s of Chromium and 0.3 s of worker CPU per view. Same rules and same results (compared on
  // the overview: violations, passes and incomplete, node for node); what it gives up is testing inside
  // cross-origin iframes, and the app has no iframes.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .setLegacyMode()
    .analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** The map at rest with its count bubbles drawn and, tiles being blocked here, the tile notice beside the legend. */
const overviewReady = async (page: Page) => {
  await page.locator('ol.place-list').waitFor()
  await page.locator('.tiles-notice').waitFor()
  await poll(() => page.locator('.leaflet-marker-icon.marker-cluster').count()).toBeGreaterThan(0)
  await page.waitForTimeout(500) // the viewport answer debounces 200 ms after the map comes to rest
}

const VIEWS: Array<{
  name: string
  path: string
  lang?: 'en'
  viewport?: { width: number; height: number }
  ready: (page: Page) => Promise<unknown>
}> = [
  { name: 'the list of all places', path: '/', ready: overviewReady },
  { name: 'the district overview in English', path: '/', lang: 'en', ready: overviewReady },
  // Lighthouse's phone (Moto G Power): a wider, taller map strip with more bubbles in it.
  { name: 'the district overview on a 412 × 823 phone', path: '/', viewport: { width: 412, height: 823 }, ready: overviewReady },
  { name: 'a busy map at zoom 12', path: '/?map=12/29.905/121.555', ready: overviewReady },
  {
    name: 'nearest results with filters',
    path: '/?here=29.8888,121.5532,gps&amenity=drinking_water&open=1',
    ready: (page) => page.locator('.distance').first().waitFor(),
  },
  {
    name: 'a place’s details',
    path: `/?place=${STATION}&here=29.8888,121.5532,gps`,
    ready: (page) => page.locator('a[data-app="amap"]').waitFor(),
  },
  {
    name: 'a place’s details in English',
    path: `/?place=${CLINIC}`,
    lang: 'en',
    ready: (page) => page.locator('a[data-app="baidu"]').waitFor(),
  },
  {
    // Far from any place (the sample's included): nothing within 300 m.
    name: 'an empty nearby search',
    path: '/?here=30.3,121.9,gps&r=300&category=training_base&open=1',
    ready: (page) => page.getByText('扩大范围').waitFor(),
  },
]

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('accessibility (axe-core) of the public map', { timeout: 90_000, retry: 1 }, () => {
  for (const view of VIEWS) {
    it(`has no serious or critical violations on ${view.name}`, async () => {
      const guard = await phoneContext(stack.browser, view.viewport ? { viewport: view.viewport } : {})
      const page = await guard.context.newPage()
      await page.goto(`${stack.url}${view.path}`)
      if (view.lang) await page.getByRole('button', { name: 'Switch to English' }).click()
      await view.ready(page)
      await poll(() => page.locator('.spinner').count()).toBe(0)
      expect(await seriousViolations(page)).toEqual([])
      await guard.context.close()
    })
  }
})
