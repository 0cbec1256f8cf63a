/**
 * Customers coming back to a web-form ticket, on the real embedded stack (the product in-process,
 * offline agent): the status page as HTML or JSON, "check a request" by number and address,
 * follow-ups on the same ticket (answered by the agent, or queued unread for the person who owns
 * it, or opening a linked ticket after a resolve), and what each abuse gets. Then a real Chromium:
 * submit, leave, come back by number and email, see a staff reply arrive without a reload, send a
 * follow-up and see it answered. Screenshots go to /tmp/fte-status-*.png.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { Topics } from '../../schemas/index.js'
import { ticketNumber } from '../../platform/ids.js'
import { startSeeded } from '../../testing/seeded.js'
import { staffMember } from '../../testing/staff.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'
import { noChromium, sharedChromium, waitForText } from '../../testing/browser.js'

type Json = Record<string, any>
const CHECK_LIMIT = 4
const ANSWERABLE = 'I forgot my password and cannot log in'
const REFUND = 'I was charged twice this month and I want a refund'

describe('coming back to a ticket', () => {
  let rt: Runtime
  let app: Running
  let agent: Awaited<ReturnType<typeof staffMember>>
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fte-status-'))

  before(async () => {
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: dataDir, FTE_FORM_RATE_LIMIT: '1000', FTE_CHECK_RATE_LIMIT: String(CHECK_LIMIT) }), testLog())
    app = await startSeeded(rt)
    agent = await staffMember(rt.db, 'agent', 'Dana Whitfield')
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  let ip = 0
  // Each test is its own client, so the rate limits of one do not reach another.
  const client = () => `198.51.100.${++ip}`
  const post = async (p: string, body: unknown, from = client(), headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers }, body: JSON.stringify(body) })
    return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as Json }
  }
  const view = async (id: string): Promise<Json> => (await (await fetch(`${app.url}/support/ticket/${id}`)).json()) as Json
  const staff = async (p: string, body?: unknown) => {
    const res = await fetch(`${app.url}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...agent.headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json().catch(() => null)) as Json }
  }
  const submit = async (email: string, message: string, subject = 'Help please') => {
    const r = await post('/support/submit', { name: 'Ada Lovelace', email, subject, category: 'general', message })
    assert.equal(r.status, 202)
    return r.body as { ticket_id: string; ticket_number: string; status_url: string }
  }
  const settled = (id: string, test: (v: Json) => boolean, what: string) => eventually(async () => ((v) => (test(v) ? v : null))(await view(id)), { what, timeoutMs: 30_000 })
  const outbound = (v: Json) => (v.messages as Json[]).filter((m) => m.direction === 'outbound')
  const published = async () => (await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_log WHERE topic = $1', [Topics.ticketsIncoming])).rows[0]!.n

  describe('API', () => {
    it('answers a browser with the status page and fetch() with JSON, privately either way', async () => {
      const t = await submit('page@example.com', ANSWERABLE)
      assert.equal(t.ticket_number, ticketNumber(t.ticket_id))
      const html = await fetch(`${app.url}${t.status_url}`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } })
      assert.equal(html.status, 200)
      assert.match(html.headers.get('content-type')!, /^text\/html/)
      assert.equal(html.headers.get('referrer-policy'), 'no-referrer', 'the link is a bearer secret: no Referer carries it away')
      assert.equal(html.headers.get('cache-control'), 'no-store')
      assert.match(html.headers.get('vary')!, /accept/i)
      const csp = html.headers.get('content-security-policy')!
      assert.match(csp, /default-src 'none'/)
      assert.match(csp, /connect-src 'self'/)
      assert.doesNotMatch(csp, /unsafe-inline|https?:/, 'nothing third-party may load')
      const page = await html.text()
      assert.match(page, new RegExp(`data-view="ticket" data-ticket="${t.ticket_id}"`))
      assert.match(page, /<meta name="referrer" content="no-referrer">/)

      const json = await fetch(`${app.url}${t.status_url}`)
      assert.match(json.headers.get('content-type')!, /^application\/json/)
      assert.equal(json.headers.get('cache-control'), 'no-store')
      assert.equal(((await json.json()) as Json).ticket_number, t.ticket_number)

      const missing = await fetch(`${app.url}/support/ticket/TKT-0000000000000000-00000000`, { headers: { accept: 'text/html' } })
      assert.equal(missing.status, 404)
      assert.match(await missing.text(), /data-view="not-found"/, 'a broken link lands on "check a request"')
      assert.equal((await fetch(`${app.url}/support/ticket/TKT-0000000000000000-00000000`)).status, 404)
    })

    it('checks a request by number and address, with one neutral answer for any wrong pair', async () => {
      const t = await submit('Check.Me@Example.com', ANSWERABLE)
      await settled(t.ticket_id, (v) => outbound(v).length > 0, 'the answer')
      const from = client()
      const found = await post('/support/check', { ticket: t.ticket_number.toLowerCase().replace('-', ' '), email: ' check.me@example.COM ' }, from)
      assert.equal(found.status, 200)
      assert.deepEqual(found.body, { ticket_id: t.ticket_id, ticket_number: t.ticket_number, status: 'responded', status_url: t.status_url })
      // The full id, which confirmations showed before tickets had numbers, works the same way.
      assert.equal((await post('/support/check', { ticket: t.ticket_id, email: 'check.me@example.com' }, from)).status, 200)

      const other = client()
      const wrongEmail = await post('/support/check', { ticket: t.ticket_number, email: 'someone.else@example.com' }, other)
      const wrongNumber = await post('/support/check', { ticket: t.ticket_number.replace(/.$/, (c) => (c === '0' ? '1' : '0')), email: 'check.me@example.com' }, other)
      assert.equal(wrongEmail.status, 404)
      assert.equal(wrongNumber.status, 404)
      assert.deepEqual(wrongEmail.body, wrongNumber.body, 'the same answer, whichever half was wrong')
      assert.doesNotMatch(JSON.stringify(wrongEmail.body), /TKT-|check\.me/)

      const malformed = await post('/support/check', { ticket: 'number 12', email: 'nope' }, other)
      assert.equal(malformed.status, 422)
      assert.deepEqual(malformed.body.fields.map((f: Json) => f.field).sort(), ['email', 'ticket'])

      // Guessing numbers for an address: the client is stopped after FTE_CHECK_RATE_LIMIT tries a minute.
      const guesser = client()
      for (let i = 0; i < CHECK_LIMIT; i++) assert.equal((await post('/support/check', { ticket: `ABCD-${1000 + i}`, email: 'check.me@example.com' }, guesser)).status, 404)
      const stopped = await post('/support/check', { ticket: t.ticket_number, email: 'check.me@example.com' }, guesser)
      assert.equal(stopped.status, 429, 'even the right pair, once the client is over the limit')
      assert.ok(Number(stopped.headers.get('retry-after')) >= 1)
    })

    it('adds a follow-up to an open ticket, and the agent answers it there', async () => {
      const t = await submit('follow@example.com', ANSWERABLE)
      await settled(t.ticket_id, (v) => outbound(v).length === 1, 'the first answer')
      const sent = await post(`/support/ticket/${t.ticket_id}/messages`, { email: 'FOLLOW@example.com', message: 'Thanks. And how do I change the email address on my account?' })
      assert.equal(sent.status, 202)
      assert.equal(sent.body.ticket_id, t.ticket_id)
      const v = await settled(t.ticket_id, (x) => outbound(x).length === 2, 'the answer to the follow-up')
      assert.deepEqual(v.messages.map((m: Json) => m.direction), ['inbound', 'outbound', 'inbound', 'outbound'], 'one ticket, in order')
      assert.match(v.messages[2].content, /change the email address/)
      assert.equal(v.follow_ups.length, 0)
      const tickets = await rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.sender_email = 'follow@example.com'`)
      assert.equal(tickets.rows[0]!.n, 2, 'both messages on the one ticket')
    })

    it("queues a follow-up unread for the person who owns the ticket; the page never shows their notes or the reason", async () => {
      const t = await submit('owned@example.com', REFUND, 'Double charge')
      await eventually(async () => ((await staff(`/api/tickets/${t.ticket_id}`)).body?.status === 'escalated' ? true : null), { what: 'the escalation' })
      assert.equal((await staff(`/api/tickets/${t.ticket_id}/notes`, { note: 'Checked Stripe: duplicate charge ch_42, refund pending' })).status, 202)
      assert.equal((await staff(`/api/tickets/${t.ticket_id}/reply`, { message: 'Sorry about that: the duplicate charge is being refunded.' })).status, 202)
      const answered = await settled(t.ticket_id, (v) => outbound(v).some((m: Json) => m.role === 'human'), 'the staff reply on the page')
      const human = outbound(answered).find((m: Json) => m.role === 'human')!
      assert.equal(human.signed_by, 'Dana', 'signed with the first name only')
      const page = JSON.stringify(answered)
      for (const secret of ['Stripe', 'ch_42', 'refund pending', 'Whitfield', agent.email, '"refund"']) assert.ok(!page.includes(secret), `the page shows no ${secret}`)

      assert.equal((await post(`/support/ticket/${t.ticket_id}/messages`, { email: 'owned@example.com', message: 'How long does the refund take to arrive?' })).status, 202)
      const queued = await eventually(
        async () => ((await staff('/api/tickets')).body.tickets as Json[]).find((q) => q.ticket_id === t.ticket_id && q.unread === 1),
        { what: 'the follow-up unread in the queue' },
      )
      assert.equal(queued.status, 'escalated')
      // The agent stands back: give it time to (wrongly) answer, then look.
      await new Promise((r) => setTimeout(r, 1500))
      const after = await view(t.ticket_id)
      assert.equal(after.messages.at(-1).direction, 'inbound', 'no agent reply to a ticket a person owns')
      assert.equal(outbound(after).filter((m: Json) => m.role === 'agent').length, 1, 'only the escalation acknowledgement')
    })

    it('opens a new ticket linked to the old one when the follow-up comes after a resolve', async () => {
      const t = await submit('resolved@example.com', REFUND, 'Charged twice')
      await eventually(async () => ((await staff(`/api/tickets/${t.ticket_id}`)).body?.status === 'escalated' ? true : null), { what: 'the escalation' })
      assert.equal((await staff(`/api/tickets/${t.ticket_id}/resolve`, { reply: 'Refunded in full.' })).status, 202)
      await settled(t.ticket_id, (v) => v.status === 'resolved', 'resolved')
      assert.equal((await post(`/support/ticket/${t.ticket_id}/messages`, { email: 'resolved@example.com', message: 'Thanks! Also, how do I reset my password?' })).status, 202)
      const old = await settled(t.ticket_id, (v) => v.follow_ups.length === 1, 'the linked follow-up ticket')
      assert.equal(old.status, 'resolved', 'the resolved ticket stays resolved')
      assert.ok(!old.messages.some((m: Json) => /reset my password/.test(m.content)), 'the follow-up is not on the old ticket')
      const next = old.follow_ups[0]
      assert.equal(next.ticket_number, ticketNumber(next.ticket_id))
      const v = await settled(next.ticket_id, (x) => outbound(x).length === 1, 'the new ticket answered')
      assert.match(v.messages[0].content, /reset my password/)
      const row = (await rt.db.query<{ follows_ticket_id: string; customer_id: string }>('SELECT follows_ticket_id, customer_id FROM tickets WHERE id = $1', [next.ticket_id])).rows[0]!
      assert.equal(row.follows_ticket_id, t.ticket_id)
      const oldRow = (await rt.db.query<{ customer_id: string }>('SELECT customer_id FROM tickets WHERE id = $1', [t.ticket_id])).rows[0]!
      assert.equal(row.customer_id, oldRow.customer_id, 'the same customer')
      // Staff find a ticket by the number the customer quotes, resolved or not.
      const byNumber = await staff(`/api/tickets?number=${encodeURIComponent(t.ticket_number.toLowerCase())}`)
      assert.deepEqual(byNumber.body.tickets.map((q: Json) => [q.ticket_id, q.ticket_number, q.status]), [[t.ticket_id, t.ticket_number, 'resolved']])
      const badNumber = await staff('/api/tickets?number=12')
      assert.equal(badNumber.status, 422)
      assert.equal(badNumber.body.fields[0].field, 'number')
      // Checking the new ticket by its number works like any other.
      assert.equal((await post('/support/check', { ticket: next.ticket_number, email: 'resolved@example.com' })).status, 200)
    })

    it('refuses follow-ups that do not prove the ticket, and publishes nothing for them', async () => {
      const t = await submit('guarded@example.com', ANSWERABLE)
      await settled(t.ticket_id, (v) => outbound(v).length === 1, 'the answer')
      const before = await published()
      const wrong = await post(`/support/ticket/${t.ticket_id}/messages`, { email: 'stranger@example.com', message: 'Please send me the account details' })
      const unknown = await post('/support/ticket/TKT-0123456789abcdef-01234567/messages', { email: 'guarded@example.com', message: 'Please send me the account details' })
      assert.equal(wrong.status, 404)
      assert.equal(unknown.status, 404)
      assert.deepEqual(wrong.body, unknown.body, 'a wrong address reads exactly like a ticket that does not exist')
      const invalid = await post(`/support/ticket/${t.ticket_id}/messages`, { email: 'guarded@example.com', message: 'short' })
      assert.equal(invalid.status, 422)
      assert.deepEqual(invalid.body.fields, [{ field: 'message', message: 'must be at least 10 characters' }])
      const plain = await fetch(`${app.url}/support/ticket/${t.ticket_id}/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello there' })
      assert.equal(plain.status, 415)
      const bot = await post(`/support/ticket/${t.ticket_id}/messages`, { email: 'guarded@example.com', message: 'Cheap pills at example.biz', website: 'http://spam.example' })
      assert.equal(bot.status, 202, 'a bot that filled the honeypot is answered like a person')
      assert.equal(await published(), before, 'none of these reached the pipeline')
      assert.equal((await view(t.ticket_id)).messages.length, 2)
    })

    it('brakes follow-ups per client with the form\'s limit', async () => {
      const limited = await openRuntime(testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-status-limit-')), FTE_FORM_RATE_LIMIT: '2' }), testLog())
      const { startRoles, ROLES } = await import('../../bin/roles.js')
      const small = await startRoles(limited, ROLES)
      try {
        const from = '203.0.113.9'
        const send = () =>
          fetch(`${small.url}/support/ticket/TKT-0123456789abcdef-01234567/messages`, {
            method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ email: 'a@example.com', message: 'hello there, anyone?' }),
          })
        assert.equal((await send()).status, 404)
        assert.equal((await send()).status, 404)
        const refused = await send()
        assert.equal(refused.status, 429)
        assert.match(((await refused.json()) as Json).message, /too many support messages: at most 2 per minute/)
      } finally {
        await small.close()
        await limited.close()
      }
    })
  })

  describe('in Chromium', { skip: noChromium }, () => {
    const chromium = sharedChromium()
    const waitFor = (l: Locator, pattern: RegExp, what: string) => waitForText(l, pattern, what, 30_000)

    it('submit, leave, come back by number and email, see a staff reply arrive live, follow up and see it answered', async () => {
      const page: Page = await chromium().newPage({ viewport: { width: 900, height: 1200 } })
      const problems: string[] = []
      const foreign: string[] = []
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())))
      page.on('pageerror', (e) => void problems.push(e.message))
      page.on('request', (r) => void (new URL(r.url()).origin !== app.url && !r.url().startsWith('data:') && foreign.push(r.url())))
      const field = (name: string) => page.locator(`.fte-widget [name="${name}"]`)

      // 1. Submit a request the agent hands to a person.
      await page.goto(`${app.url}/support`)
      await field('name').fill('Grace Hopper')
      await field('email').fill('grace.status@example.com')
      await field('subject').fill('Charged twice')
      await field('category').selectOption('billing')
      await field('message').fill(REFUND)
      await page.getByRole('button', { name: 'Send request' }).click()
      const confirmation = await waitFor(page.locator('.fte-widget section'), /Your ticket number is [0-9A-Z]{4}-[0-9A-Z]{4}\./, 'the ticket number')
      const number = /[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(confirmation)![0]
      const ticketId = /TKT-[0-9a-f-]+$/.exec((await page.getByRole('link', { name: "this request's page" }).getAttribute('href'))!)![0]
      assert.equal(number, ticketNumber(ticketId))
      await waitFor(page.locator('.fte-status'), /With our team/, 'handed to a person')

      // 2. Leave the page; come back later by the number and the address.
      await page.goto('about:blank')
      await page.goto(`${app.url}/support`)
      await page.getByRole('button', { name: 'Check a request' }).click()
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Check a request', 'focus on the new view')
      await field('ticket').fill(number.toLowerCase())
      await field('email').fill('someone@example.com')
      await page.getByRole('button', { name: 'Check request' }).click()
      await waitFor(page.locator('.fte-widget [role="status"]'), /No request matches this ticket number and email address/, 'the neutral refusal, announced')
      await field('email').fill('Grace.Status@example.com')
      await page.getByRole('button', { name: 'Check request' }).click()
      const section = page.locator('.fte-widget section')
      await waitFor(section, new RegExp(`Your request: Charged twice.*Your ticket number is ${number}`), 'the request reopened')
      await waitFor(page.locator('.fte-conversation'), /You wrote.*charged twice/i, 'what the customer wrote')
      await page.screenshot({ path: '/tmp/fte-status-checked.png', fullPage: true })

      // 3. A person answers from the console's API: it appears without a reload.
      const navigations: string[] = []
      page.on('framenavigated', (f) => void (f === page.mainFrame() && navigations.push(f.url())))
      assert.equal((await staff(`/api/tickets/${ticketId}/reply`, { message: 'I have refunded the duplicate charge; it shows within 5 days.' })).status, 202)
      await waitFor(page.locator('.fte-conversation'), /Dana, support team.*refunded the duplicate charge/, 'the staff reply, live')
      await waitFor(page.locator('.fte-widget [role="status"]'), /Reply from Dana, support team: I have refunded/, 'the reply announced')
      assert.deepEqual(navigations, [], 'no reload')

      // 4. A follow-up from the page: it lands in the person's queue, and their answer appears.
      await field('message').fill('Thank you! Will I get an email when it is done?')
      assert.equal(await field('email').inputValue(), 'Grace.Status@example.com', 'the address they checked with')
      await page.getByRole('button', { name: 'Send message' }).click()
      await waitFor(page.locator('.fte-conversation'), /You wrote.*Will I get an email when it is done\?/, 'the follow-up on the page')
      await eventually(async () => ((await staff('/api/tickets')).body.tickets as Json[]).find((q) => q.ticket_id === ticketId && q.unread === 1), { what: 'unread in the queue' })
      assert.equal((await staff(`/api/tickets/${ticketId}/reply`, { message: 'Yes, our payment provider emails you a receipt.' })).status, 202)
      await waitFor(page.locator('.fte-conversation'), /Will I get an email.*Dana, support team.*emails you a receipt/, 'the follow-up answered')
      await page.screenshot({ path: '/tmp/fte-status-answered.png', fullPage: true })

      // 5. The link itself opens the same page (as from the reply email), with nothing third-party.
      await page.goto(`${app.url}/support/ticket/${ticketId}`)
      await waitFor(page.locator('.fte-conversation'), /emails you a receipt/, 'the status page by link')
      assert.equal(await page.title(), `Your request ${number}`)
      assert.equal(await field('email').inputValue(), '', 'the link alone does not know the address')
      await page.screenshot({ path: '/tmp/fte-status-link.png', fullPage: true })

      assert.deepEqual(foreign, [], 'no request leaves the support origin')
      // Chromium logs every 4xx fetch; the one expected is the wrong pair's neutral 404.
      const notFound = problems.filter((p) => /status of 404/.test(p))
      assert.equal(notFound.length, 1, 'the wrong pair')
      assert.deepEqual(problems.filter((p) => !notFound.includes(p)), [], 'no other console errors (CSP violations included)')
      await page.close()
    })

    it('an agent-answered ticket: a follow-up from its page is answered by the agent, live', async () => {
      const t = await submit('live.agent@example.com', ANSWERABLE, 'Login')
      const page = await chromium().newPage({ viewport: { width: 900, height: 1200 } })
      await page.goto(`${app.url}${t.status_url}`)
      await waitFor(page.locator('.fte-conversation'), /Support assistant.*Forgot password/, 'the agent answer')
      await page.locator('.fte-widget [name="email"]').fill('live.agent@example.com')
      await page.locator('.fte-widget [name="message"]').fill('And how do I change the email address on my account?')
      await page.getByRole('button', { name: 'Send message' }).click()
      const convo = await waitFor(page.locator('.fte-conversation'), /change the email address on my account\?.*Support assistant/, 'the agent answers the follow-up')
      assert.equal((convo.match(/Support assistant/g) ?? []).length, 2)
      await page.close()
    })
  })
})
