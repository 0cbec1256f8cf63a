/**
 * The staff console end to end: the product in-process in embedded mode (its first start makes an
 * admin and a one-time link), sign-in by link and by token, sessions and their end (sign-out, a
 * rotated token, a removed member), the CSRF rule for cookie-borne POSTs, and a real Chromium
 * working an escalated web-form ticket by keyboard up to resolve. Screenshots go to
 * /tmp/fte-console-*.png.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BrowserContext, type Locator, type Page } from 'playwright-core'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import { startRoles, type Running } from '../../bin/roles.js'
import { startSeeded } from '../../testing/seeded.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { staffMember } from '../../testing/staff.js'
import { noChromium, sharedChromium } from '../../testing/browser.js'
import { listStaff, removeStaff, rotateToken } from '../staff/accounts.js'
import { issueSignInLink } from './signInLinks.js'

type Json = Record<string, any>


const text = async (l: Locator) => (await l.innerText()).replace(/\s+/g, ' ').trim()
const waitForText = (l: Locator, pattern: RegExp, what: string, timeoutMs = 10_000) =>
  eventually(async () => (pattern.test(await text(l)) ? text(l) : null), { what, timeoutMs })
/** A plain GET: fetch() turns a conditional request into an uncached one (Cache-Control: no-cache), which is never 304. */
const statusOf = (url: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => get(url, { headers }, (res) => void (res.resume(), resolve(res.statusCode!))).on('error', reject))
const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => /^(__Host-)?fte_session=/.test(c))

describe('staff console', () => {
  let rt: Runtime
  let app: Running
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fte-console-'))

  before(async () => {
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: dataDir }), testLog())
    app = await startSeeded(rt)
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** A session cookie, the way a browser gets one: by a one-time link. */
  const signedIn = async (email: string) => {
    const res = await fetch((await issueSignInLink(rt.db, email, app.url!))!, { redirect: 'manual' })
    assert.equal(res.status, 303)
    return sessionCookie(res)!.split(';')[0]!
  }
  const call = (p: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${app.url}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    })
  const submit = (form: Record<string, string>) =>
    fetch(`${app.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(form) }).then(
      async (r) => ((await r.json()) as { ticket_id: string }).ticket_id,
    )

  it('first start: makes an admin and prints a one-time link (only its hash is kept); a later start makes neither', async () => {
    const link = app.consoleSignIn
    assert.ok(link, 'a sign-in link on first start')
    assert.match(link, new RegExp(`^${app.url!.replace(/\./g, '\\.')}/console/sign-in\\?code=[A-Za-z0-9_-]{32}$`))
    const staff = await listStaff(rt.db)
    assert.deepEqual(staff.map((m) => [m.email, m.role, m.name]), [['admin@localhost.localdomain', 'admin', 'Admin']])
    const code = new URL(link).searchParams.get('code')!
    const stored = (await rt.db.query<{ code_hash: string }>('SELECT code_hash FROM staff_sign_in_codes')).rows.map((r) => r.code_hash)
    assert.deepEqual(stored, [createHash('sha256').update(code).digest('hex')])
    const again = await startRoles(rt, ['gateway'])
    try {
      assert.equal(again.consoleSignIn, null, 'staff exist: no new admin, no new link')
      assert.equal((await listStaff(rt.db)).length, 1)
    } finally {
      await again.close()
    }
  })

  it('without a session: /console is a usable sign-in form (401) under a strict CSP; data needs a credential', async () => {
    const page = await fetch(`${app.url}/console`)
    assert.equal(page.status, 401)
    assert.match(page.headers.get('content-type')!, /^text\/html/)
    const html = await page.text()
    assert.match(html, /<form method="post" action="\/console\/sign-in">/)
    assert.match(html, /<label for="token">Staff token<\/label>/)
    assert.match(html, /<input id="token" name="token" type="password"/)
    assert.doesNotMatch(html, /<script/, 'the sign-in page runs no script at all')
    const csp = page.headers.get('content-security-policy')!
    for (const rule of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'"]) assert.ok(csp.includes(rule), rule)
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
    assert.equal(page.headers.get('x-frame-options'), 'DENY')
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer')
    assert.equal(page.headers.get('cache-control'), 'no-store')
    const deep = await (await fetch(`${app.url}/console/tickets/TKT-1`)).text()
    assert.match(deep, /<input type="hidden" name="next" value="\/console\/tickets\/TKT-1">/, 'back to that ticket after signing in')
    for (const p of ['/api/me', '/api/tickets', '/api/tickets/TKT-1']) assert.equal((await fetch(`${app.url}${p}`)).status, 401, p)
    assert.equal((await call('/api/me', { cookie: 'fte_session=v1.forged.1.x' })).status, 401, 'a forged cookie is no credential')
  })

  it('the script and stylesheet are compressed, revalidated by ETag, and hold no customer data', async () => {
    const email = 'data-check@example.com'
    await submit({ name: 'Dana Check', email, subject: 'Export', category: 'general', message: 'How do I export my tasks to CSV?' })
    const js = await fetch(`${app.url}/console/app.js`, { headers: { 'accept-encoding': 'br' } })
    assert.equal(js.status, 200)
    assert.equal(js.headers.get('content-encoding'), 'br')
    assert.match(js.headers.get('content-type')!, /javascript/)
    const body = await js.text()
    assert.ok(body.length > 50_000, 'React and the console, in one bundle')
    assert.doesNotMatch(body, /data-check@example\.com|Dana Check/)
    const etag = js.headers.get('etag')!
    assert.equal(await statusOf(`${app.url}/console/app.js`, { 'accept-encoding': 'br', 'if-none-match': etag }), 304)
    const css = await fetch(`${app.url}/console/console.css`)
    assert.match(css.headers.get('content-type')!, /^text\/css/)
    const shell = await (await call('/console', { cookie: await signedIn('admin@localhost.localdomain') })).text()
    assert.match(shell, /<script src="\/console\/app\.js" defer><\/script>/)
    assert.doesNotMatch(shell, /data-check|Dana/, 'the shell is the same for everyone: no data in it')
  })

  it('a one-time link signs in once: an HttpOnly, SameSite=Strict cookie, Secure and __Host- over https', async () => {
    const agent = await staffMember(rt.db, 'agent', 'Link User')
    const link = (await issueSignInLink(rt.db, agent.email, app.url!))!
    const first = await fetch(link, { redirect: 'manual' })
    assert.equal(first.status, 303)
    assert.equal(first.headers.get('location'), '/console')
    const cookie = sessionCookie(first)!
    assert.match(cookie, /^fte_session=v1\./)
    assert.match(cookie, /; httponly/i)
    assert.match(cookie, /; samesite=strict/i)
    assert.match(cookie, /; path=\//i)
    assert.doesNotMatch(cookie, /; secure/i, 'plain http: a Secure cookie would never come back')
    const me = await call('/api/me', { cookie: cookie.split(';')[0]! })
    assert.equal(me.status, 200)
    assert.equal(((await me.json()) as Json).email, agent.email)
    assert.equal(me.headers.get('cache-control'), 'no-store')

    const second = await fetch(link, { redirect: 'manual' })
    assert.equal(second.status, 401, 'used once only')
    assert.match(await second.text(), /already used or has expired/)
    assert.equal(sessionCookie(second), undefined)
    assert.equal((await fetch(`${app.url}/console/sign-in?code=${'A'.repeat(32)}`)).status, 401)

    // Behind a TLS-terminating proxy (FTE_TRUSTED_PROXY_HOPS=1 by default) the request is https.
    const https = await fetch((await issueSignInLink(rt.db, agent.email, app.url!))!, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } })
    assert.match(sessionCookie(https)!, /^__Host-fte_session=.*; secure/i)
    // Opened from another site: the Strict cookie would be withheld after a redirect, so the page refreshes itself instead.
    const crossSite = await fetch((await issueSignInLink(rt.db, agent.email, app.url!))!, { redirect: 'manual', headers: { 'sec-fetch-site': 'cross-site' } })
    assert.equal(crossSite.status, 200)
    assert.ok(sessionCookie(crossSite))
    assert.match(await crossSite.text(), /<meta http-equiv="refresh" content="0;url=\/console">/)
  })

  it('a cookie-borne POST must come from our own origin (else 403); sign-out, a rotated token and removal end the session', async () => {
    const agent = await staffMember(rt.db, 'agent', 'Csrf Check')
    const cookie = await signedIn(agent.email)
    const note = (headers: Record<string, string>) => call('/api/tickets/TKT-none/notes', headers, { note: 'hello' })
    const evil = await note({ cookie, origin: 'https://evil.example' })
    assert.equal(evil.status, 403)
    assert.equal(((await evil.json()) as Json).error, 'cross_origin')
    assert.equal((await note({ cookie })).status, 403, 'no Origin and no Sec-Fetch-Site: refused')
    assert.equal((await note({ cookie, origin: app.url!, 'sec-fetch-site': 'cross-site' })).status, 403)
    assert.equal((await note({ cookie, origin: app.url! })).status, 404, 'from our own origin it reaches the route (no such ticket)')
    assert.equal((await note({ cookie, 'sec-fetch-site': 'same-origin' })).status, 404)
    assert.equal((await note({ ...agent.headers })).status, 404, 'a bearer token needs no Origin: browsers never attach one by themselves')
    assert.equal((await call('/console/sign-in', { origin: 'https://evil.example' }, { token: agent.token })).status, 403, 'no login CSRF')

    await rotateToken(rt.db, agent.email)
    const rotated = await call('/api/me', { cookie })
    assert.equal(rotated.status, 401, 'a rotated token ends every session made with it')
    assert.equal(((await rotated.json()) as Json).error, 'session_ended')
    assert.match(sessionCookie(rotated)!, /^fte_session=;/, 'and the stale cookie is cleared')
    assert.equal((await call('/console', { cookie })).status, 401)

    const other = await signedIn(agent.email)
    assert.equal((await call('/console/sign-out', { cookie: other, origin: 'https://evil.example' }, {})).status, 403)
    const out = await call('/console/sign-out', { cookie: other, origin: app.url! }, {})
    assert.equal(out.status, 303)
    assert.equal(out.headers.get('location'), '/console/sign-in')
    assert.equal((await call('/api/me', { cookie: other })).status, 401, 'signed out on the server, not only in the browser')

    const last = await signedIn(agent.email)
    assert.equal((await call('/api/me', { cookie: last })).status, 200)
    await removeStaff(rt.db, agent.email)
    assert.equal((await call('/api/me', { cookie: last })).status, 401, 'a removed member has no session')
  })

  it('fte staff link <email> prints a fresh one-time link; an unknown member gets none', () => {
    const cliDir = mkdtempSync(path.join(tmpdir(), 'fte-console-cli-'))
    const fte = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.resolve('bin/fte.ts'), 'staff', ...args], {
        env: { ...process.env, FTE_DATA_DIR: cliDir, LOG_LEVEL: 'silent', PORT: '3000', PUBLIC_BASE_URL: '' },
        encoding: 'utf8',
      })
    try {
      assert.equal(fte('add', 'lee@example.com', '--name', 'Lee Park', '--role', 'agent').status, 0)
      const linked = fte('link', 'Lee@Example.com')
      assert.equal(linked.status, 0, linked.stderr)
      assert.match(linked.stdout, /^Console: http:\/\/localhost:3000\/console\/sign-in\?code=[A-Za-z0-9_-]{32}$/m)
      assert.match(linked.stdout, /once, within 24 hours/)
      const unknown = fte('link', 'nobody@example.com')
      assert.equal(unknown.status, 2)
      assert.match(unknown.stderr, /no staff member nobody@example\.com/)
    } finally {
      rmSync(cliDir, { recursive: true, force: true })
    }
  })

  describe('in Chromium', { skip: noChromium }, () => {
    const chromium = sharedChromium()

    const newPage = async (): Promise<{ context: BrowserContext; page: Page; problems: string[] }> => {
      const context = await chromium().newContext({ viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (m) => void (m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && problems.push(m.text())))
      page.on('pageerror', (e) => void problems.push(e.message))
      return { context, page, problems }
    }
    const live = (page: Page, kind: 'status' | 'alert') => page.locator(`[data-live="${kind}"]`)
    const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null)

    it('signs in with the link printed at first start; the link is spent after that', async () => {
      const { context, page, problems } = await newPage()
      await page.goto(app.consoleSignIn!)
      assert.equal(new URL(page.url()).pathname, '/console')
      await waitForText(page.locator('.whoami'), /Signed in as Admin.*Admin/, 'the signed-in member and role')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'queue-title', 'focus on the screen heading')
      await page.screenshot({ path: '/tmp/fte-console-first-start.png', fullPage: true })
      const fresh = await chromium().newContext()
      const again = await fresh.newPage()
      const res = await again.goto(app.consoleSignIn!)
      assert.equal(res?.status(), 401)
      await waitForText(again.locator('[role="alert"]'), /already used or has expired/, 'the spent link explained')
      assert.equal(await again.evaluate(() => document.activeElement?.id), 'token', 'focus in the token field')
      await fresh.close()
      assert.deepEqual(problems, [])
      await context.close()
    })

    it('signs in with a token and works an escalated ticket by keyboard: queue, reply, errors, note, assign, resolve', async () => {
      const agent = await staffMember(rt.db, 'agent', 'Maria Lopez')
      // Both escalate (pipelines/decision/escalationPolicy.ts): legal is urgent, a refund high.
      const legal = await submit({
        name: 'Lee Legal', email: 'lee.legal@example.com', subject: 'Contract dispute', category: 'billing',
        message: 'Our lawyer will contact you about the contract terms.',
      })
      const refund = await submit({
        name: 'Ada Lovelace', email: 'ada.refund@example.com', subject: 'Charged twice', category: 'billing',
        message: 'I was charged twice this month and I want a refund please.',
      })
      const queued = async () => ((await (await call('/api/tickets', agent.headers)).json()) as Json).tickets as Json[]
      await eventually(async () => {
        const ids = (await queued()).filter((t) => t.status === 'escalated').map((t) => t.ticket_id)
        return ids.includes(legal) && ids.includes(refund)
      }, { what: 'both tickets escalated', timeoutMs: 30_000 })

      const { context, page, problems } = await newPage()
      assert.equal((await page.goto(`${app.url}/console`))?.status(), 401)
      await page.locator('#token').waitFor()
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'token', 'autofocus on the token field')
      await page.keyboard.type('fte_not-my-token')
      await page.keyboard.press('Enter')
      await waitForText(page.locator('[role="alert"]'), /That token is not valid/, 'the bad token explained')
      assert.equal(await page.locator('#token').getAttribute('aria-invalid'), 'true')
      assert.match((await page.locator('#token').getAttribute('aria-describedby'))!, /token-error/)
      await page.screenshot({ path: '/tmp/fte-console-sign-in.png', fullPage: true })
      await page.locator('#token').fill(agent.token)
      await page.keyboard.press('Enter')
      await page.waitForURL(`${app.url}/console`)
      await waitForText(page.locator('.whoami'), /Signed in as Maria Lopez.*Agent/, 'the agent signed in')
      const cookies = await context.cookies()
      const session = cookies.find((c) => c.name === 'fte_session')!
      assert.equal(session.httpOnly, true)
      assert.equal(session.sameSite, 'Strict')
      assert.equal(await page.evaluate(() => document.cookie), '', 'no script can read the session')

      // The queue: urgent (legal) before high (refund); the keyboard moves between rows.
      const rows = page.locator('table.queue tbody tr')
      await waitForText(page.locator('table.queue'), /Contract dispute.*Charged twice/, 'both tickets in the queue, urgent first')
      const legalRow = await text(rows.filter({ hasText: 'Contract dispute' }))
      assert.match(legalRow, /Urgent/)
      assert.match(legalRow, /Web form/)
      assert.match(legalRow, /Legal/)
      assert.match(legalRow, /Nobody/)
      assert.match(await text(rows.filter({ hasText: 'Charged twice' })), /High.*Web form.*Refund/)
      for (let i = 0; i < 10 && !(await page.evaluate(() => !!document.activeElement?.closest('tbody'))); i++) await page.keyboard.press('Tab')
      assert.equal(await focused(page), 'Contract dispute', 'Tab reaches the first row after the filters')
      await page.keyboard.press('j')
      assert.equal(await focused(page), 'Charged twice')
      await page.keyboard.press('k')
      assert.equal(await focused(page), 'Contract dispute')
      await page.keyboard.press('Home')
      assert.equal(await focused(page), 'Contract dispute')
      await page.keyboard.press('End')
      assert.equal(await focused(page), 'Charged twice')
      await page.keyboard.press('ArrowUp')
      await page.keyboard.press('ArrowDown')
      assert.equal(await focused(page), 'Charged twice')
      await page.keyboard.press('ArrowDown')
      assert.equal(await focused(page), 'Charged twice', 'the last row stays put')
      assert.equal(await page.locator('table.queue a[tabindex="0"]').count(), 1, 'one row in the tab order')
      assert.equal(await page.locator('table.queue tr.active').count(), 1)
      await page.screenshot({ path: '/tmp/fte-console-queue.png', fullPage: true })
      await page.keyboard.press('Enter')

      // The ticket: reason, history with channels, the customer.
      await page.waitForURL(`${app.url}/console/tickets/${refund}`)
      await waitForText(page.locator('h1'), /Charged twice/, 'the ticket heading')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'ticket-title', 'focus moved to the ticket heading')
      await waitForText(page.locator('#handover-title + dl'), /Reason Refund/, 'the reason')
      assert.match(await text(page.locator('#handover-title + dl')), /Sentiment (negative|neutral|positive) \(\d\.\d\d\)/)
      const history = page.locator('ol.history')
      await waitForText(history, /Ada Lovelace Web form.*charged twice this month/, 'the customer message with its channel')
      await waitForText(history, /AI agent Web form.*Delivery: Delivered/, 'the acknowledgement and its delivery state')
      const customer = await text(page.locator('#customer-title + p + ul'))
      assert.match(customer, /Email: ada\.refund@example\.com/)
      const view = (await (await call(`/api/tickets/${refund}`, agent.headers)).json()) as Json
      const trust = view.customer.identifiers[0].verified
      if (trust !== undefined) assert.match(customer, trust ? /Verified/ : /Claimed/, 'verified or claimed, as the API says')

      // Errors are announced: one caught before sending, one from the server.
      await page.getByRole('button', { name: 'Send reply' }).click()
      await waitForText(live(page, 'alert'), /Reply to the customer: Reply is required/, 'the empty reply announced')
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'message', 'focus on the reply field')
      await page.getByLabel('Staff email').fill('stranger@example.com')
      await page.getByLabel('Staff email').press('Enter')
      await waitForText(live(page, 'alert'), /Assign to someone else: Staff email must be a staff member/, "the server's 422 announced")
      assert.equal(await page.getByLabel('Staff email').getAttribute('aria-invalid'), 'true')
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'email')
      await page.screenshot({ path: '/tmp/fte-console-error.png', fullPage: true })

      // Reply: it goes out on the web form and shows as a person's, with its delivery state.
      await page.getByRole('textbox', { name: 'Reply', exact: true }).fill('Hi Ada, I have refunded the second charge.')
      await page.getByRole('button', { name: 'Send reply' }).press('Enter')
      await waitForText(live(page, 'status'), /Reply sent\. Delivery: Delivered\./, 'the delivered reply announced', 15_000)
      await waitForText(history, /Maria Lopez \(staff\) Web form.*refunded the second charge.*Delivery: Delivered/, 'the human reply in the history')
      const publicView = (await (await fetch(`${app.url}/support/ticket/${refund}`)).json()) as Json
      assert.ok(publicView.messages.some((m: Json) => m.role === 'human' && /refunded the second charge/.test(m.content)), 'the customer sees it')

      await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Refund issued in the billing system.')
      await page.getByRole('button', { name: 'Add note' }).click()
      await waitForText(page.locator('ul.notes'), /Maria Lopez.*Refund issued in the billing system/, 'the note')
      await page.getByRole('button', { name: 'Assign to me' }).click()
      await waitForText(page.locator('dl.facts').first(), new RegExp(`Assignee You \\(${agent.email.replace(/\./g, '\\.')}\\)`), 'assigned to me')
      assert.equal(await page.getByRole('button', { name: 'Assign to me' }).getAttribute('aria-disabled'), 'true')

      await page.getByLabel('Final reply to the customer').fill('You will see the refund within 5 days.')
      await page.getByLabel('Save a reusable answer for the knowledge base').check()
      await page.getByLabel('Answer title').fill('Double charge refund')
      await page.getByLabel('Answer text').fill('We refund a double charge the same day; it shows within 5 days.')
      await page.getByRole('button', { name: 'Resolve ticket' }).click()
      await waitForText(page.locator('dl.facts').first(), /Status Resolved/, 'resolved', 15_000)
      await waitForText(live(page, 'status'), /Ticket resolved\. Reply sent\. Delivery: Delivered\./, 'resolve with its reply announced')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'actions-title', 'focus on the actions, which changed')
      await page.getByRole('button', { name: 'Reopen ticket' }).waitFor()
      await page.screenshot({ path: '/tmp/fte-console-ticket.png', fullPage: true })
      const answer = await rt.db.query(`SELECT 1 FROM event_log WHERE position(convert_to('Double charge refund', 'UTF8') in value) > 0`)
      assert.ok(answer.rows.length > 0, 'the reusable answer went out with the resolve')

      await page.getByRole('link', { name: 'Back to the queue' }).click()
      await waitForText(page.locator('table.queue'), /Contract dispute/, 'back on the queue')
      assert.doesNotMatch(await text(page.locator('table.queue')), /Charged twice/, 'resolved: no longer waiting for a person')
      await page.getByLabel('Assignee').selectOption('me')
      await waitForText(page.locator('main'), /No tickets match/, 'nothing unresolved is mine')
      await page.getByLabel('Status').selectOption('resolved')
      await waitForText(page.locator('table.queue'), /Charged twice/, 'found under Resolved, mine')
      await page.getByRole('link', { name: 'Charged twice' }).press('Enter')
      await page.getByRole('button', { name: 'Reopen ticket' }).click()
      await waitForText(page.locator('dl.facts').first(), /Status Escalated/, 'reopened')
      await waitForText(live(page, 'status'), /Ticket reopened\./, 'the reopen announced')
      await page.getByRole('textbox', { name: 'Reply', exact: true }).waitFor()
      assert.deepEqual(problems, [], 'no console errors (CSP violations included)')

      // The session ends with the token.
      await rotateToken(rt.db, agent.email)
      assert.equal((await page.reload())?.status(), 401)
      await page.locator('#token').waitFor()
      await context.close()
    })

    it('an analyst reads without actions; merge suggestions show their empty state', async () => {
      const analyst = await staffMember(rt.db, 'analyst', 'Ana Lyst')
      const { context, page, problems } = await newPage()
      await page.goto(`${app.url}/console`)
      await page.locator('#token').fill(analyst.token)
      await page.keyboard.press('Enter')
      await waitForText(page.locator('.whoami'), /Ana Lyst.*Analyst \(read-only\)/, 'the analyst signed in')
      await waitForText(page.locator('table.queue'), /Contract dispute/, 'the queue')
      await page.getByRole('link', { name: 'Contract dispute' }).click()
      await waitForText(page.locator('#actions-title + *'), /may read tickets but not act on them/, 'no actions for an analyst')
      assert.equal(await page.getByRole('button', { name: 'Send reply' }).count(), 0)
      await page.getByRole('link', { name: 'Merge suggestions' }).click()
      await waitForText(page.locator('main'), /No merge suggestions/, 'the empty state')
      assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Merge suggestions')
      await page.screenshot({ path: '/tmp/fte-console-merges-empty.png', fullPage: true })
      assert.equal(await text(live(page, 'alert')), '', 'nothing announced as an error')
      assert.deepEqual(problems, [])
      await context.close()
    })

    it('merge suggestions from real identity links: confirm merges the two customers keeping the chosen one, dismiss keeps them apart', async () => {
      const agent = await staffMember(rt.db, 'agent', 'Kim Tan')
      const whatsapp = (phone: string, name: string, content: string): InboundMessage => ({
        event_id: `wa-${phone}-${content.length}`, occurred_at: Date.now(), channel: 'whatsapp', channel_message_id: `SM-${phone}-${content.length}`, ticket_id: null,
        sender: { name, email: null, phone, verified: true }, subject: null, category: null, priority: null, content, thread_id: null,
      })
      const form = (body: Json) => call('/support/submit', {}, { subject: 'Help', category: 'general', ...body })
      const lookup = async (q: string) => {
        const r = await call(`/customers/lookup?${q}`, agent.headers)
        return r.status === 200 ? ((await r.json()) as Json) : null
      }
      // Wen Li on WhatsApp (a proven number), then "W. Li" on the web form; a form carrying both links them.
      await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: '+14155550170', value: whatsapp('+14155550170', 'Wen Li', 'How do I export my project to CSV?') }])
      const wen = await eventually(async () => (await lookup('phone=%2B14155550170'))?.customer_id as string | undefined, { what: 'Wen Li' })
      await form({ name: 'W. Li', email: 'wen@example.com', message: 'How do I connect Slack?' })
      const wLi = await eventually(async () => (await lookup('email=wen@example.com'))?.customer_id as string | undefined, { what: 'W. Li' })
      await form({ name: 'Wen Li', email: 'wen@example.com', phone: '+14155550170', message: 'How do I invite a guest?' })
      // Ola N by WhatsApp, then the same number says an email that Ola Nordmann's form claimed.
      await form({ name: 'Ola Nordmann', email: 'ola@example.com', message: 'How do I archive a project?' })
      await eventually(async () => lookup('email=ola@example.com'), { what: 'Ola Nordmann' })
      await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: '+14155550171', value: whatsapp('+14155550171', 'Ola N', 'How do I turn on two-factor authentication?') }])
      await eventually(async () => lookup('phone=%2B14155550171'), { what: 'Ola N' })
      await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: '+14155550171', value: whatsapp('+14155550171', 'Ola N', 'also my email is ola@example.com, how do I share a board?') }])
      await eventually(async () => {
        const r = (await (await call('/api/customers/suggestions', agent.headers)).json()) as { suggestions: Json[] }
        return r.suggestions.length === 2 ? r : null
      }, { what: 'two suggested links' })

      const { context, page, problems } = await newPage()
      await context.addCookies([{ name: 'fte_session', value: (await signedIn(agent.email)).split('=')[1]!, url: app.url!, httpOnly: true, sameSite: 'Strict' }])
      await page.goto(`${app.url}/console/merges`)
      const wenCard = page.locator('article.suggestion').filter({ hasText: 'W. Li' })
      await waitForText(wenCard, /Wen Li and W\. Li: the same person\?/, 'the first suggestion')
      assert.match(await text(wenCard.locator('.card').filter({ hasText: 'Wen Li' })), /Phone: \+14155550170 Verified/)
      assert.match(await text(wenCard.locator('.card').filter({ hasText: 'W. Li' })), /Email: wen@example\.com Claimed/)
      assert.equal(await wenCard.getByLabel('Wen Li').isChecked(), true, 'the first customer is kept unless another is picked')
      await page.screenshot({ path: '/tmp/fte-console-merges.png', fullPage: true })
      await wenCard.getByLabel('W. Li').check()
      await wenCard.getByRole('button', { name: 'Confirm merge' }).click()
      await waitForText(live(page, 'status'), /Merged: W\. Li kept\./, 'the merge announced')
      const merged = await eventually(async () => {
        const v = await lookup('phone=%2B14155550170')
        return v?.customer_id === wLi ? v : null
      }, { what: 'the number now on the kept customer' })
      assert.notEqual(wen, wLi)
      assert.deepEqual((merged.identifiers as Json[]).map((i) => i.kind).sort(), ['email', 'phone'])

      await page.locator('article.suggestion').filter({ hasText: 'Ola N' }).first().getByRole('button', { name: 'Dismiss' }).click()
      await waitForText(page.locator('main'), /No merge suggestions right now/, 'both decided')
      const [ola, olaN] = [await lookup('email=ola@example.com'), await lookup('phone=%2B14155550171')]
      assert.notEqual(ola!.customer_id, olaN!.customer_id, 'dismissed: still two customers')
      assert.deepEqual(problems, [])
      await context.close()
    })
  })
})
