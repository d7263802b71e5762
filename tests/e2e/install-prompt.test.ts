/**
 * Issue 12, "an install prompt where the browser offers one", in Chromium over the production stack. Headless
 * Chromium never decides on its own that the app is installable, so the test plays the browser: it dispatches a
 * `beforeinstallprompt` event whose prompt() and userChoice it controls, as Chromium's own event has them.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shanghai } from '../helpers/test-db.js'
import { phoneContext, poll } from './helpers/browser.js'
import { webStackForFile } from './helpers/web-stack.js'

const NOW = shanghai('2026-11-25T10:00')
const stack = webStackForFile(() => NOW)

/** Plays the browser's install offer; the answer to its dialog is `outcome`. Resolves to whether the page took it. */
const offerInstall = (page: Page, outcome: 'accepted' | 'dismissed') =>
  page.evaluate((outcome) => {
    const w = window as unknown as { prompts: number }
    w.prompts = 0
    const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
      prompt: () => Promise<void>
      userChoice: Promise<{ outcome: string }>
    }
    event.prompt = () => Promise.resolve(void w.prompts++)
    event.userChoice = Promise.resolve({ outcome, platform: 'web' })
    dispatchEvent(event)
    return event.defaultPrevented
  }, outcome)
const prompts = (page: Page) => page.evaluate(() => (window as unknown as { prompts: number }).prompts)

async function openMap(locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const guard = await phoneContext(stack.browser, { locale })
  const page = await guard.context.newPage()
  await page.goto(stack.url)
  await poll(() => page.locator('ol.place-list > li').count()).toBeGreaterThan(0)
  return { guard, page }
}

// A real browser on a shared 2-core machine: one retry for timing; a test that fails twice fails the run.
describe('install prompt', { timeout: 90_000, retry: 1 }, () => {
  it('shows no button until the browser offers, then calls prompt() and goes; a "no" is remembered', async () => {
    const { guard, page } = await openMap()
    const install = page.getByRole('button', { name: '安装到桌面' })
    expect(await install.count()).toBe(0)
    // The page takes the offer (holding back the browser's own infobar) and shows its button.
    expect(await offerInstall(page, 'dismissed')).toBe(true)
    await poll(() => install.isVisible()).toBe(true)
    const box = (await install.boundingBox())!
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44)
    await install.click()
    await poll(() => prompts(page)).toBe(1)
    await poll(() => install.count()).toBe(0)
    // Said no: the next offer, even after a reload, is left to the browser.
    await page.reload()
    await poll(() => page.locator('ol.place-list > li').count()).toBeGreaterThan(0)
    expect(await offerInstall(page, 'dismissed')).toBe(false)
    await page.waitForTimeout(300)
    expect(await install.count()).toBe(0)
    await guard.context.close()
  })

  it('offers no install when the page runs as the installed app (display-mode: standalone)', async () => {
    const guard = await phoneContext(stack.browser)
    // Headless Chromium ignores display-mode emulation: answer the app's own question the way an installed app would.
    await guard.context.addInitScript(() => {
      const original = window.matchMedia.bind(window)
      window.matchMedia = (query: string) =>
        /display-mode:\s*standalone/.test(query)
          ? Object.assign(new EventTarget(), {
              matches: true,
              media: query,
              onchange: null,
              addListener() {},
              removeListener() {},
            })
          : original(query)
    })
    const page = await guard.context.newPage()
    await page.goto(stack.url)
    await poll(() => page.locator('ol.place-list > li').count()).toBeGreaterThan(0)
    expect(await page.evaluate(() => matchMedia('(display-mode: standalone)').matches)).toBe(true)
    // The browser offers anyway (it would not, but a stray event must not bring the button back): left alone.
    expect(await offerInstall(page, 'dismissed')).toBe(false)
    await page.waitForTimeout(300)
    expect(await page.getByRole('button', { name: '安装到桌面' }).count()).toBe(0)
    expect(await page.locator('.install-offer').count()).toBe(0)
    await guard.context.close()
  })

  it('goes once the app is installed, and speaks English to an English browser', async () => {
    const { guard, page } = await openMap('en-US')
    await offerInstall(page, 'accepted')
    const install = page.getByRole('button', { name: 'Install app' })
    await poll(() => install.isVisible()).toBe(true)
    // Installed from the browser's own menu: the button has nothing left to do.
    await page.evaluate(() => dispatchEvent(new Event('appinstalled')))
    await poll(() => install.count()).toBe(0)
    await guard.context.close()
  })
})
