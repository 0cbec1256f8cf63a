/**
 * The web-form HTTP surface over the real gateway (fake transport, empty database): honeypot,
 * rate limit, CORS, the standalone page and the widget script.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { gatewayForTests, type GatewayForTests } from '../../testing/gateway.js'

const form = { name: 'Ada', email: 'ada@example.com', subject: 'Login', category: 'technical', message: 'I forgot my password and cannot log in' }
const SHOP = 'https://shop.example.com'

const submit = (g: GatewayForTests, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${g.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

describe('web-form API', () => {
  let g: GatewayForTests
  before(async () => {
    g = await gatewayForTests({ FTE_FORM_RATE_LIMIT: '3', FTE_CORS_ORIGINS: `${SHOP}, http://localhost:8080` })
  })
  after(() => g.close())

  describe('honeypot', () => {
    it('answers a filled honeypot exactly like a real submission, and publishes nothing', async () => {
      const ip = { 'x-forwarded-for': '198.51.100.1' }
      const real = await submit(g, { ...form, website: '' }, ip)
      const bot = await submit(g, { ...form, website: 'http://cheap-pills.example' }, ip)
      assert.equal(real.status, 202)
      assert.equal(bot.status, 202)
      const [a, b] = [(await real.json()) as Record<string, string>, (await bot.json()) as Record<string, string>]
      assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort())
      assert.match(b.ticket_id!, /^TKT-[0-9a-f]{16}-[0-9a-f]{8}$/)
      assert.equal(b.status, 'received')
      assert.equal(bot.headers.get('location'), `/support/ticket/${b.ticket_id}`)
      assert.deepEqual((await g.published()).map((m) => m.ticket_id), [a.ticket_id], 'only the real one was published')
      // Its ticket reads as any just-accepted ticket would: nothing to tell a bot it was caught.
      const view = await fetch(`${g.url}/support/ticket/${b.ticket_id}`)
      assert.equal(view.status, 200)
      assert.equal(((await view.json()) as { status: string }).status, 'received')
    })

    it('still validates first, so a bot gets the same 422 a person would', async () => {
      const res = await submit(g, { ...form, email: 'nope', website: 'x' }, { 'x-forwarded-for': '198.51.100.2' })
      assert.equal(res.status, 422)
      const body = (await res.json()) as { fields: { field: string }[] }
      assert.deepEqual(body.fields.map((f) => f.field), ['email'])
    })
  })

  describe('rate limit', () => {
    it('refuses the submission past the limit with 429, Retry-After and the limit named', async () => {
      const ip = { 'x-forwarded-for': '203.0.113.9' }
      // Every attempt counts, valid or not: the brake is on traffic, not on tickets.
      for (const body of [form, {}, form]) assert.notEqual((await submit(g, body, ip)).status, 429)
      const refused = await submit(g, form, ip)
      assert.equal(refused.status, 429)
      const retryAfter = Number(refused.headers.get('retry-after'))
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`)
      const body = (await refused.json()) as Record<string, unknown>
      assert.equal(body.error, 'rate_limited')
      assert.equal(body.limit, 3)
      assert.equal(body.window_seconds, 60)
      assert.match(String(body.message), /at most 3 per minute/)
    })

    it('counts per client address, and not for reading tickets', async () => {
      assert.equal((await submit(g, form, { 'x-forwarded-for': '203.0.113.10' })).status, 202)
      for (let i = 0; i < 5; i++) assert.equal((await fetch(`${g.url}/support/ticket/TKT-0000000000000000-00000000`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status, 404)
    })

    it('keeps the CORS headers on a 429, so a cross-origin widget can read it', async () => {
      const ip = { 'x-forwarded-for': '203.0.113.11', origin: SHOP }
      for (let i = 0; i < 3; i++) await submit(g, {}, ip)
      const refused = await submit(g, {}, ip)
      assert.equal(refused.status, 429)
      assert.equal(refused.headers.get('access-control-allow-origin'), SHOP)
      assert.match(refused.headers.get('access-control-expose-headers') ?? '', /Retry-After/)
    })
  })

  describe('CORS', () => {
    const preflight = (path: string, origin: string) =>
      fetch(`${g.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })

    it('answers a preflight from an allowed origin', async () => {
      const res = await preflight('/support/submit', SHOP)
      assert.equal(res.status, 204)
      assert.equal(res.headers.get('access-control-allow-origin'), SHOP)
      assert.match(res.headers.get('access-control-allow-methods')!, /POST/)
      assert.match(res.headers.get('access-control-allow-headers')!, /content-type/i)
      assert.match(res.headers.get('vary')!, /Origin/)
      const ticket = await preflight('/support/ticket/TKT-1', 'http://localhost:8080/')
      assert.equal(ticket.headers.get('access-control-allow-origin'), 'http://localhost:8080')
    })

    it('gives no CORS headers to other origins, nor on other routes', async () => {
      const evil = await preflight('/support/submit', 'https://evil.example')
      assert.equal(evil.headers.get('access-control-allow-origin'), null)
      assert.equal(evil.headers.get('access-control-allow-methods'), null)
      const real = await submit(g, form, { origin: 'https://evil.example', 'x-forwarded-for': '198.51.100.50' })
      assert.equal(real.headers.get('access-control-allow-origin'), null)
      const lookup = await fetch(`${g.url}/customers/lookup?email=a@example.com`, { headers: { origin: SHOP } })
      assert.equal(lookup.headers.get('access-control-allow-origin'), null)
    })

    it('decorates real requests and their errors from allowed origins', async () => {
      const res = await fetch(`${g.url}/support/ticket/TKT-0000000000000000-00000000`, { headers: { origin: SHOP } })
      assert.equal(res.status, 404)
      assert.equal(res.headers.get('access-control-allow-origin'), SHOP)
      const bad = await submit(g, {}, { origin: SHOP, 'x-forwarded-for': '198.51.100.51' })
      assert.equal(bad.status, 422)
      assert.equal(bad.headers.get('access-control-allow-origin'), SHOP)
    })

    it('is same-origin only when no origins are configured, and open to all with *', async () => {
      const closed = await gatewayForTests()
      const open = await gatewayForTests({ FTE_CORS_ORIGINS: '*' })
      try {
        assert.equal((await fetch(`${closed.url}/support/submit`, { method: 'OPTIONS', headers: { origin: SHOP, 'access-control-request-method': 'POST' } })).headers.get('access-control-allow-origin'), null)
        const any = await fetch(`${open.url}/support/submit`, { method: 'OPTIONS', headers: { origin: 'https://anyone.example', 'access-control-request-method': 'POST' } })
        assert.equal(any.headers.get('access-control-allow-origin'), '*')
      } finally {
        await closed.close()
        await open.close()
      }
    })
  })

  describe('embedding', () => {
    it('serves the standalone page with a nonce-based CSP that lets the configured origins frame it', async () => {
      const res = await fetch(`${g.url}/support`)
      assert.equal(res.status, 200)
      assert.match(res.headers.get('content-type')!, /text\/html/)
      const csp = res.headers.get('content-security-policy')!
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
      assert.match(csp, /default-src 'none'/)
      assert.match(csp, /connect-src 'self'/)
      assert.match(csp, /frame-ancestors 'self' https:\/\/shop.example.com http:\/\/localhost:8080/)
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
      const html = await res.text()
      assert.match(html, /<div id="fte-support-form"/)
      assert.ok(html.includes(`<script src="/widget.js" nonce="${nonce}"`))
      const again = (await fetch(`${g.url}/support`)).headers.get('content-security-policy')!
      assert.notEqual(/'nonce-([^']+)'/.exec(again)![1], nonce, 'a fresh nonce per response')
    })

    it('serves the bundled widget, compressed, with an ETag that revalidates to 304', async () => {
      const res = await fetch(`${g.url}/widget.js`, { headers: { 'accept-encoding': 'gzip, br' } })
      assert.equal(res.status, 200)
      assert.match(res.headers.get('content-type')!, /javascript/)
      assert.equal(res.headers.get('content-encoding'), 'br', 'the smallest the client takes (fetch decodes it)')
      const code = await res.text()
      assert.ok(code.length > 50_000 && code.includes('fte-support-form'), 'React, zod and the form in one script')
      const etag = res.headers.get('etag')!
      assert.match(etag, /^"[\w-]+"$/)
      // As a browser revalidates a stale copy (fetch would otherwise add Cache-Control: no-cache).
      const revalidated = await fetch(`${g.url}/widget.js`, { headers: { 'accept-encoding': 'gzip, br', 'if-none-match': etag, 'cache-control': 'max-age=0' } })
      assert.equal(revalidated.status, 304)
      const plain = await fetch(`${g.url}/widget.js`, { headers: { 'accept-encoding': 'identity' } })
      assert.equal(plain.headers.get('content-encoding'), null)
      assert.equal(await plain.text(), code)
      assert.notEqual(plain.headers.get('etag'), etag, 'each representation has its own ETag')
    })
  })
})
