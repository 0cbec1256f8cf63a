/**
 * Property-based fuzzing (fast-check) of every public endpoint, in embedded mode: whatever comes
 * in, the answer is 2xx or 4xx, never 5xx or a crash, and a rejected request publishes nothing
 * (the embedded log's row count does not move).
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import { startRoles, ROLES, type Running } from '../../bin/roles.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'
import { staffMember } from '../../testing/staff.js'

const RUNS = Number(process.env.FTE_FUZZ_RUNS ?? 150)

interface Probe {
  method: 'GET' | 'POST' | 'OPTIONS'
  path: string
  headers?: Record<string, string>
  body?: string
}

describe('fuzzing the public endpoints', () => {
  let rt: Runtime
  let app: Running
  let keys: http.Server
  let staff: Record<string, string>
  before(async () => {
    // Google's signing keys, served locally: forged tokens are then judged (403), not unverifiable (503).
    const { publicKey } = await generateKeyPair('RS256')
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'fuzz', alg: 'RS256', use: 'sig' }] })
    keys = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks))
    await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r))
    const certsUrl = `http://127.0.0.1:${(keys.address() as AddressInfo).port}/certs`
    rt = await openRuntime(
      testConfig({
        FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-fuzz-')),
        FTE_FORM_RATE_LIMIT: '10000',
        FTE_CHECK_RATE_LIMIT: '10000',
        // Channels configured, so their webhooks do their real checks instead of answering 503.
        PUBLIC_BASE_URL: 'https://support.example.com',
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
        TWILIO_AUTH_TOKEN: 'fuzz-auth-token',
        TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
        TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
        GMAIL_ADDRESS: 'support@example.com',
        GMAIL_CLIENT_ID: 'client',
        GMAIL_CLIENT_SECRET: 'secret',
        GMAIL_REFRESH_TOKEN: 'refresh',
        GMAIL_PUSH_AUDIENCE: 'https://support.example.com/webhooks/gmail',
        GMAIL_PUSH_SERVICE_ACCOUNT: 'push@project.iam.gserviceaccount.com',
        GOOGLE_CERTS_URL: certsUrl,
        GOOGLE_API_ROOT_URL: 'http://127.0.0.1:9/',
        GOOGLE_TOKEN_URL: 'http://127.0.0.1:9/token',
      }),
      testLog(),
    )
    app = await startRoles(rt, ROLES)
    staff = (await staffMember(rt.db, 'agent')).headers
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    keys?.close()
  })

  const published = async () => (await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_log')).rows[0]!.n
  /**
   * Until the log has not grown for 2 s: the pipeline has finished with what was accepted. (The
   * reply's email copy goes to an unreachable Gmail here, whose client retries for a while.)
   */
  const quiet = async () => {
    for (let last = -1, now = await published(); now !== last; last = now, now = await published()) await new Promise((r) => setTimeout(r, 2000))
  }

  async function check(probe: Probe) {
    const before = await published()
    const res = await fetch(app.url + probe.path, { method: probe.method, headers: probe.headers, body: probe.body })
    await res.arrayBuffer()
    assert.ok(res.status < 500, `${probe.method} ${probe.path} answered ${res.status} for ${JSON.stringify(probe).slice(0, 400)}`)
    if (res.status >= 400) assert.equal(await published(), before, `rejected ${probe.method} ${probe.path} (${res.status}) published events`)
    // An accepted message sets the pipeline working; the next probe counts rows once it is done.
    else if (probe.method === 'POST' && res.status === 202) await quiet()
  }

  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ maxLength: 20_000 }), fc.constantFrom('', ' ', '\u0000', '💥'.repeat(3000)))
  const json = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.record({
      name: fc.oneof(text, fc.integer(), fc.constant(null)),
      email: fc.oneof(fc.emailAddress(), text, fc.constant(null)),
      phone: fc.oneof(text, fc.constant(undefined)),
      subject: fc.oneof(text, fc.array(text)),
      category: fc.oneof(fc.constantFrom('general', 'technical', 'billing', 'feedback', 'bug_report'), text),
      priority: fc.oneof(fc.constantFrom('low', 'medium', 'high'), text),
      message: fc.oneof(text, fc.object()),
      website: fc.oneof(fc.constant(undefined), text),
    }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    text,
  )
  // Header values an HTTP client can actually send (visible ASCII); the server sees nothing else.
  const headerValue = text.map((s) => s.replace(/[^\x20-\x7e]/g, '').trim())
  const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '')
  const form = fc.dictionary(fc.constantFrom('From', 'To', 'Body', 'MessageSid', 'ProfileName', 'NumMedia', 'MessageStatus', 'AccountSid', 'ErrorCode', 'x'), text).map((d) => new URLSearchParams(d).toString())

  it('POST /support/submit never answers 5xx, and publishes nothing when it rejects', async () => {
    await fc.assert(fc.asyncProperty(json, contentType, async (body, type) => check({ method: 'POST', path: '/support/submit', headers: type ? { 'content-type': type } : {}, body })), { numRuns: RUNS })
  })

  it('POST /support/check and POST /support/ticket/:id/messages never answer 5xx, and publish nothing when they reject', async () => {
    // A real ticket and its address among the inputs, so some probes get past the lookup.
    const res = await fetch(`${app.url}/support/submit`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Fuzz', email: 'fuzz@example.com', subject: 'Fuzz', category: 'general', message: 'How do I export my project?' }),
    })
    const { ticket_id: real, ticket_number: number } = (await res.json()) as { ticket_id: string; ticket_number: string }
    // Its events must be done before the probes count the log's rows.
    await eventually(async () => ((await (await fetch(`${app.url}/support/ticket/${real}`)).json()) as { messages: unknown[] }).messages.length >= 2, { what: 'the real ticket answered' })
    await quiet()
    const ticket = fc.oneof(fc.constantFrom(real, number, number.toLowerCase(), 'TKT-0123456789abcdef-01234567'), text)
    const email = fc.oneof(fc.constantFrom('fuzz@example.com', 'FUZZ@example.com ', 'other@example.com'), fc.emailAddress(), text, fc.constant(null))
    const body = fc.oneof(
      json,
      fc.record({ ticket, email, message: fc.oneof(text, fc.constant('Following up on my request, any news?')), website: fc.oneof(fc.constant(undefined), text) }, { requiredKeys: [] })
        .map((v) => JSON.stringify(v)),
    )
    await fc.assert(
      fc.asyncProperty(body, contentType, ticket, async (b, type, id) => {
        const headers: Record<string, string> = type ? { 'content-type': type } : {}
        await check({ method: 'POST', path: '/support/check', headers, body: b })
        await check({ method: 'POST', path: `/support/ticket/${encodeURIComponent(id)}/messages`, headers, body: b })
      }),
      { numRuns: RUNS },
    )
  })

  it('GET /support/ticket/:id and GET /customers/lookup never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('email', 'phone', 'other'), async (s, key) => {
        await check({ method: 'GET', path: `/support/ticket/${encodeURIComponent(s)}` })
        await check({ method: 'GET', path: `/support/ticket/${encodeURIComponent(s)}`, headers: { accept: 'text/html' } })
        await check({ method: 'GET', path: `/customers/lookup?${key}=${encodeURIComponent(s)}`, headers: staff })
        await check({ method: 'GET', path: `/api/tickets/${encodeURIComponent(s)}`, headers: staff })
      }),
      { numRuns: RUNS },
    )
  })

  it('the WhatsApp webhooks reject unsigned or forged requests without publishing', async () => {
    await fc.assert(
      fc.asyncProperty(form, fc.option(headerValue), fc.constantFrom('/webhooks/whatsapp', '/webhooks/whatsapp/status'), async (body, signature, p) =>
        check({ method: 'POST', path: p, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature !== null ? { 'x-twilio-signature': signature } : {}) }, body }),
      ),
      { numRuns: RUNS },
    )
  })

  it('the Gmail push webhook rejects unauthenticated requests without publishing', async () => {
    await fc.assert(
      fc.asyncProperty(json, fc.option(headerValue), async (body, token) =>
        check({ method: 'POST', path: '/webhooks/gmail', headers: { 'content-type': 'application/json', ...(token !== null ? { authorization: `Bearer ${token}` } : {}) }, body }),
      ),
      { numRuns: RUNS },
    )
  })

  it('any other path or method answers 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.webPath(), fc.constantFrom('GET', 'POST', 'OPTIONS') as fc.Arbitrary<Probe['method']>, async (p, method) =>
        check({ method, path: p.startsWith('/') ? p : `/${p}`, body: method === 'POST' ? 'x' : undefined }),
      ),
      { numRuns: RUNS },
    )
  })
})
