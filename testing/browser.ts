import { existsSync } from 'node:fs'
import { after, before } from 'node:test'
import { chromium, type Browser, type Locator } from 'playwright-core'
import { eventually } from './stack.js'

/** Debian's Chromium (browsers cannot be downloaded here); FTE_CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.FTE_CHROMIUM_PATH ?? '/usr/bin/chromium'

// Skipped on a developer machine without Chromium; in CI (.ci/run installs it) a missing browser fails instead of hiding.
export const noChromium = existsSync(CHROMIUM) || process.env.CI ? undefined : `no Chromium at ${CHROMIUM} (CI installs Debian's chromium; or set FTE_CHROMIUM_PATH)`

/** Headless, and quiet: no background calls home that would make a test depend on the network. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  })

/** Inside a describe: one Chromium for its tests, launched before the first and closed after the last. */
export function sharedChromium(): () => Browser {
  let browser: Browser | undefined
  before(async () => {
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('Chromium is not launched: call sharedChromium() inside a describe, use it inside a test')
    return browser
  }
}

/** What a person reads in an element: its text, whitespace collapsed. */
export const textOf = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim()

/** Until the element's text matches; answers that text. */
export const waitForText = (l: Locator, pattern: RegExp, what: string, timeoutMs = 10_000) =>
  eventually(async () => (pattern.test(await textOf(l)) ? textOf(l) : null), { what, timeoutMs })

/**
 * A fresh context on a console page, signed in by token through the sign-in form the page shows.
 * `problems` collects page errors and console errors, except the sign-in page's own 401.
 */
export async function consolePageAs(browser: Browser, url: string, token: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => void (m.type() === 'error' && !/status of 401/.test(m.text()) && problems.push(m.text())))
  page.on('pageerror', (e) => void problems.push(e.message))
  await page.goto(url)
  await page.locator('#token').fill(token)
  await page.keyboard.press('Enter')
  return { context, page, problems }
}
