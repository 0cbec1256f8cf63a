import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

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
