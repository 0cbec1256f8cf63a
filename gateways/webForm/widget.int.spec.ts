/**
 * The embeddable web form end to end: the product in-process in embedded mode, a real Chromium
 * driving the widget by keyboard on /support and embedded cross-origin by script tag and iframe
 * on another site, up to the agent's answer; plus the form API's honeypot, rate limit and CORS
 * against the real pipeline. Screenshots go to /tmp/fte-webform-*.png.
 */
import { startSeeded } from '../../testing/seeded.js'
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Page } from 'playwright-core'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { Topics } from '../../schemas/index.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'
import { noChromium, sharedChromium, textOf, waitForText } from '../../testing/browser.js'

const RATE_LIMIT = 5
const QUESTION = 'I forgot my password and cannot log in'

/** Another site: it embeds the widget by script tag (/) and the standalone page by iframe (/framed). */
function hostSite(product: () => string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const api = product()
    const body =
      req.url === '/framed'
        ? `<iframe src="${api}/support" title="Contact support" style="width:100%;height:900px;border:0"></iframe>`
        : `<div id="fte-support-form" data-api="${api}" data-title="Ask Acme support"></div>
           <script src="${api}/widget.js" async></script>`
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop: help</title></head>
      <body style="font-family:Georgia,serif;background:#fffbea;margin:2rem"><h1>Acme shop</h1><p>Need help? Write to us.</p>${body}</body></html>`)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })))
}

const text = textOf
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName ?? null)
const liveRegion = (page: Page) => page.locator('.fte-widget [aria-live]')

describe('web form', () => {
  let rt: Runtime
  let app: Running
  let host: { server: Server; port: number }
  let hostOrigin: string
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fte-webform-'))

  before(async () => {
    host = await hostSite(() => app.url!)
    // localhost, not 127.0.0.1: a different origin from the product's http://127.0.0.1:<port>.
    hostOrigin = `http://localhost:${host.port}`
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: dataDir, FTE_CORS_ORIGINS: hostOrigin, FTE_FORM_RATE_LIMIT: String(RATE_LIMIT) }), testLog())
    app = await startSeeded(rt)
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    await new Promise((r) => host?.server.close(r))
    host?.server.closeAllConnections()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const submit = (body: unknown, ip: string) =>
    fetch(`${app.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) })
  const form = { name: 'Ada Lovelace', email: 'ada@example.com', subject: 'Cannot log in', category: 'technical', message: QUESTION }

  describe('API', () => {
    it('honeypot: answers 202 with a ticket id, publishes nothing, and no ticket ever appears', async () => {
      const bot = await submit({ ...form, email: 'bot@example.com', website: 'http://cheap-pills.example' }, '198.51.100.7')
      assert.equal(bot.status, 202)
      const { ticket_id: botTicket } = (await bot.json()) as { ticket_id: string }
      assert.match(botTicket, /^TKT-/)
      // A real submission right after it goes all the way through: the pipeline was running.
      const real = (await (await submit(form, '198.51.100.7')).json()) as { ticket_id: string }
      await eventually(async () => ((await (await fetch(`${app.url}/support/ticket/${real.ticket_id}`)).json()) as { status: string }).status === 'responded', { what: 'the real reply', timeoutMs: 30_000 })
      const mentions = await rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_log WHERE position(convert_to($1, 'UTF8') in value) > 0`, [botTicket])
      assert.equal(mentions.rows[0]!.n, 0, 'no event on any topic mentions the dropped ticket')
      const tickets = await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE id = $1', [botTicket])
      assert.equal(tickets.rows[0]!.n, 0)
      const customers = await rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer_identifiers WHERE value = 'bot@example.com'`)
      assert.equal(customers.rows[0]!.n, 0)
      const view = (await (await fetch(`${app.url}/support/ticket/${botTicket}`)).json()) as { status: string; messages: unknown[] }
      assert.deepEqual([view.status, view.messages.length], ['received', 0], 'reads like any ticket not yet picked up')
    })

    it('rate limit: 429 with Retry-After past FTE_FORM_RATE_LIMIT submissions a minute from one client', async () => {
      const ip = '203.0.113.50'
      const before = (await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_log WHERE topic = $1', [Topics.ticketsIncoming])).rows[0]!.n
      for (let i = 0; i < RATE_LIMIT; i++) assert.equal((await submit({}, ip)).status, 422, `attempt ${i + 1} is judged on its merits`)
      const refused = await submit(form, ip)
      assert.equal(refused.status, 429)
      assert.ok(Number(refused.headers.get('retry-after')) >= 1)
      const body = (await refused.json()) as { error: string; limit: number; message: string }
      assert.equal(body.error, 'rate_limited')
      assert.equal(body.limit, RATE_LIMIT)
      assert.match(body.message, new RegExp(`at most ${RATE_LIMIT} per minute`))
      const after = (await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_log WHERE topic = $1', [Topics.ticketsIncoming])).rows[0]!.n
      assert.equal(after, before, 'the refused submission published nothing')
      assert.equal((await submit(form, '203.0.113.51')).status, 202, 'another client is not affected')
    })

    it('CORS: answers the preflight for the configured origin only', async () => {
      const preflight = (origin: string, p = '/support/submit') =>
        fetch(`${app.url}${p}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
      const ok = await preflight(hostOrigin)
      assert.equal(ok.status, 204)
      assert.equal(ok.headers.get('access-control-allow-origin'), hostOrigin)
      assert.match(ok.headers.get('access-control-allow-methods')!, /POST/)
      assert.match(ok.headers.get('access-control-allow-headers')!, /content-type/i)
      assert.equal((await preflight(hostOrigin, '/support/ticket/TKT-x')).headers.get('access-control-allow-origin'), hostOrigin)
      assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null)
      assert.equal((await preflight(hostOrigin, '/customers/lookup')).headers.get('access-control-allow-origin'), null)
    })
  })

  describe('in Chromium', { skip: noChromium }, () => {
    const chromium = sharedChromium()

    const newPage = async () => {
      const page = await chromium().newPage({ viewport: { width: 900, height: 1000 } })
      const problems: string[] = []
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())))
      page.on('pageerror', (e) => void problems.push(e.message))
      return { page, problems }
    }

    it('on /support, by keyboard: announces field errors, focuses the first, then shows the ticket and the reply', async () => {
      const { page, problems } = await newPage()
      await page.goto(`${app.url}/support`)
      const field = (name: string) => page.locator(`.fte-widget [name="${name}"]`)
      await field('name').waitFor()

      // Tab from the top of the page lands on the first field; the honeypot is skipped later.
      await page.keyboard.press('Tab')
      assert.equal(await focusedName(page), 'name')
      await page.keyboard.type('Ada Lovelace')
      await page.keyboard.press('Tab')
      await page.keyboard.type('ada-at-example.com')
      await page.keyboard.press('Tab') // phone: optional, left empty
      await page.keyboard.press('Tab')
      await page.keyboard.type('Cannot log in')
      await page.keyboard.press('Tab') // category: not chosen
      await page.keyboard.press('Tab') // priority: medium by default
      await page.keyboard.press('Tab')
      await page.keyboard.type('help')
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Send request', 'the honeypot is not in the tab order')
      await page.keyboard.press('Enter')

      const announced = await waitForText(liveRegion(page), /Please correct 3 fields/, 'the announced errors')
      assert.match(announced, /Email must be a valid email address/)
      assert.match(announced, /Category must be one of general, technical, billing, feedback, bug_report/)
      assert.match(announced, /Message must be at least 10 characters/)
      assert.equal(await focusedName(page), 'email', 'focus moved to the first invalid field')
      for (const [name, invalid] of [['name', 'false'], ['email', 'true'], ['category', 'true'], ['message', 'true'], ['subject', 'false']] as const) {
        assert.equal(await field(name).getAttribute('aria-invalid'), invalid, `${name} aria-invalid`)
      }
      const describedBy = (await field('email').getAttribute('aria-describedby'))!
      const description = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent).join(' '), describedBy)
      assert.equal(description, 'Email must be a valid email address')
      const labelled = await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('.fte-widget [name="email"]')!
        return [...input.labels!].map((l) => l.textContent)
      })
      assert.deepEqual(labelled, ['Email *'])
      await page.screenshot({ path: '/tmp/fte-webform-errors.png', fullPage: true })

      // Fix it, still by keyboard: focus is on the email field.
      await page.keyboard.press('ControlOrMeta+A')
      await page.keyboard.type('ada@example.com')
      assert.equal(await field('email').getAttribute('aria-invalid'), 'false', 're-checked as it is fixed')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Tab')
      assert.equal(await focusedName(page), 'category')
      await page.keyboard.type('Tech') // type-ahead on the closed select
      assert.equal(await field('category').inputValue(), 'technical')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Tab')
      assert.equal(await focusedName(page), 'message')
      await page.keyboard.press('ControlOrMeta+A')
      await page.keyboard.type(QUESTION)
      await page.keyboard.press('Tab')
      await page.keyboard.press('Space')

      const confirmation = page.locator('.fte-widget section')
      await waitForText(confirmation, /Your ticket number is [0-9A-Z]{4}-[0-9A-Z]{4}\./, 'the ticket number')
      // The id is not shown: it is the secret in the page's link.
      const link = (await confirmation.getByRole('link', { name: "this request's page" }).getAttribute('href'))!
      const ticketId = /TKT-[0-9a-f]{16}-[0-9a-f]{8}$/.exec(link)![0]
      assert.doesNotMatch(await text(confirmation), /TKT-/)
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2', 'focus moved to the confirmation')
      const reply = await waitForText(page.locator('.fte-reply-text'), /Forgot password/, 'the agent reply on the page', 30_000)
      assert.match(reply, /^Hi Ada,/)
      assert.match(await text(page.locator('.fte-status')), /Answered/)
      await waitForText(liveRegion(page), /Reply from support: Hi Ada/, 'the reply announced')
      const view = (await (await fetch(`${app.url}/support/ticket/${ticketId}`)).json()) as { status: string; messages: { content: string }[] }
      assert.equal(view.status, 'responded')
      assert.equal(view.messages[1]!.content.replace(/\s+/g, ' ').trim(), reply, 'the page shows the reply the API has')
      await page.screenshot({ path: '/tmp/fte-webform-support.png', fullPage: true })
      assert.deepEqual(problems, [], 'no console errors (CSP violations included)')
      await page.close()
    })

    it('embedded on another origin by script tag: submits across origins and shows the reply', async () => {
      const { page, problems } = await newPage()
      const calls: string[] = []
      page.on('request', (r) => void (r.url().includes('/support/') && calls.push(`${r.method()} ${new URL(r.url()).origin}`)))
      await page.goto(`${hostOrigin}/`)
      const field = (name: string) => page.locator(`.fte-widget [name="${name}"]`)
      await field('name').waitFor()
      assert.equal(await text(page.locator('.fte-widget h2')), 'Ask Acme support', 'data-title is honoured')
      await field('name').fill('Grace Hopper')
      await field('email').fill('grace@example.com')
      await field('subject').fill('Login trouble')
      await field('category').selectOption('technical')
      await field('priority').selectOption('high')
      await field('message').fill(QUESTION)
      await page.getByRole('button', { name: 'Send request' }).click()
      await waitForText(page.locator('.fte-widget section'), /Your ticket number is [0-9A-Z]{4}-[0-9A-Z]{4}\./, 'the ticket number')
      await waitForText(page.locator('.fte-reply-text'), /^Hi Grace,.*Forgot password/, 'the reply', 30_000)
      assert.ok(calls.includes(`POST ${app.url}`), `the form posted to the product's origin: ${calls.join(', ')}`)
      assert.notEqual(new URL(page.url()).origin, app.url)
      await page.screenshot({ path: '/tmp/fte-webform-crossorigin.png', fullPage: true })
      // Another request: a fresh form, who they are kept, focus on the new form's heading.
      await page.getByRole('button', { name: 'Send another request' }).press('Enter')
      await field('subject').waitFor()
      assert.equal(await field('email').inputValue(), 'grace@example.com')
      assert.equal(await field('subject').inputValue(), '')
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ask Acme support')
      assert.deepEqual(problems, [])
      await page.close()
    })

    it('embedded on an origin not in FTE_CORS_ORIGINS: the browser refuses, and the widget says so', async () => {
      const { page } = await newPage()
      const blocked = `http://127.0.0.1:${host.port}` // same server, but not the allowed origin
      await page.goto(`${blocked}/`)
      const field = (name: string) => page.locator(`.fte-widget [name="${name}"]`)
      await field('name').waitFor()
      await field('name').fill('Mallory')
      await field('email').fill('mallory@example.com')
      await field('subject').fill('Hello')
      await field('category').selectOption('general')
      await field('message').fill('Can I read your answers from here?')
      await page.getByRole('button', { name: 'Send request' }).click()
      await waitForText(liveRegion(page), /could not reach the support service/, 'the failure announced')
      assert.match(await text(page.locator('.fte-widget form')), /could not reach the support service/)
      await page.close()
    })

    it('embedded by iframe on an allowed origin: the standalone page renders inside it', async () => {
      const { page } = await newPage()
      await page.goto(`${hostOrigin}/framed`)
      const frame = page.frameLocator('iframe')
      await frame.locator('.fte-widget [name="name"]').waitFor()
      assert.equal(await text(frame.locator('.fte-widget h2')), 'Contact support')
      await page.close()
    })

    it("shows the server's 422 field errors on their fields", async () => {
      const { page } = await newPage()
      await page.route('**/support/submit', (route) =>
        route.fulfill({
          status: 422,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'validation_failed', message: 'some fields are missing or invalid', fields: [{ field: 'email', message: 'is not accepted here' }] }),
        }),
      )
      await page.goto(`${app.url}/support`)
      const field = (name: string) => page.locator(`.fte-widget [name="${name}"]`)
      await field('name').waitFor()
      await field('name').fill('Ada')
      await field('email').fill('ada@example.com')
      await field('subject').fill('Login')
      await field('category').selectOption('technical')
      await field('message').fill(QUESTION)
      await page.getByRole('button', { name: 'Send request' }).click()
      await waitForText(liveRegion(page), /Please correct 1 field: Email is not accepted here/, 'the server error announced')
      assert.equal(await field('email').getAttribute('aria-invalid'), 'true')
      assert.equal(await focusedName(page), 'email')
      assert.equal(await text(page.locator(`[id="${await field('email').getAttribute('aria-describedby')}"]`)), 'Email is not accepted here')
      await page.close()
    })
  })
})
