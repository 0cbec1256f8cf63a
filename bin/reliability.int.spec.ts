/**
 * Outbound reliability, end to end in embedded mode with the real Twilio SDK against the Twilio
 * stand-in: while WhatsApp is down (5xx), web-form replies keep flowing and the WhatsApp reply
 * waits, retried past FTE_MAX_ATTEMPTS, never dead-lettered, with /ready saying why; once Twilio
 * is back it is sent once. A refusal retrying cannot change (401) is dead-lettered with the
 * reason, shown as failed on the ticket, and sent once replayed after the cause is fixed.
 */
import { startSeeded } from '../testing/seeded.js'
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openRuntime, type Runtime } from '../platform/runtime.js'
import type { Running } from './roles.js'
import { replayDeadLetters } from './deadLetters.js'
import { eventually, testConfig, testLog, uniqueName } from '../testing/stack.js'
import { Topics, type InboundMessage } from '../schemas/index.js'
import { startTwilioStandIn, type TwilioStandIn } from '../testing/standIns/twilio.js'
import { staffMember } from '../testing/staff.js'

const ACCOUNT_SID = 'AC' + '1'.repeat(32)
const AUTH_TOKEN = 'reliability-token'

describe('outbound reliability', () => {
  let twilio: TwilioStandIn
  let rt: Runtime
  let app: Running
  before(async () => {
    twilio = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
    rt = await openRuntime(
      testConfig({
        FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-reliability-')),
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
        TWILIO_API_BASE_URL: twilio.baseUrl,
        PUBLIC_BASE_URL: 'https://support.example.com',
        FTE_MAX_ATTEMPTS: '3',
        FTE_RETRY_BACKOFF_MS: '100',
        FTE_RETRY_MAX_BACKOFF_MS: '400',
        FTE_BREAKER_FAILURES: '3',
        FTE_BREAKER_COOLDOWN_MS: '1000',
      }),
      testLog(),
    )
    app = await startSeeded(rt)
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    await twilio?.close()
  })

  const whatsappInbound = (phone: string, content: string): InboundMessage => ({
    event_id: uniqueName('wa'), occurred_at: Date.now(), channel: 'whatsapp', channel_message_id: uniqueName('SM'), ticket_id: null,
    sender: { name: 'Ola', email: null, phone, verified: true }, subject: null, category: null, priority: null, content, thread_id: null, follow_up_of: null,
  })
  const ticketOf = async (phone: string, headers: Record<string, string>) => {
    // The customer and their ticket are two read models, each a little behind the log on its own.
    return eventually(async () => {
      const r = await fetch(`${app.url}/customers/lookup?phone=${encodeURIComponent(phone)}`, { headers })
      return r.status === 200 ? ((await r.json()) as { conversations: { tickets: { ticket_id: string }[] }[] }).conversations[0]?.tickets[0]?.ticket_id : undefined
    }, { what: 'the WhatsApp customer\'s ticket' })
  }
  const whatsappLetters = async () => (await rt.db.query<{ id: string; error: string }>(`SELECT id, error FROM dead_letters WHERE source_topic = $1`, [Topics.whatsappOutbound])).rows

  it('keeps other channels flowing while one provider is down, and delays that channel\'s reply instead of dropping it', async () => {
    twilio.failWhen = () => true
    const phone = '+14155550188'
    await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: phone, value: whatsappInbound(phone, 'how do I reset my password?') }])

    // The web form is not held up by WhatsApp's outage.
    const res = await fetch(`${app.url}/support/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pia', email: 'pia@example.com', subject: 'Export', category: 'general', message: 'How do I export my project to CSV?' }),
    })
    const { ticket_id: webTicket } = (await res.json()) as { ticket_id: string }
    await eventually(async () => ((await (await fetch(`${app.url}/support/ticket/${webTicket}`)).json()) as { status: string }).status === 'responded', { what: 'the web-form reply during the outage' })

    // The WhatsApp reply waits: retried past FTE_MAX_ATTEMPTS (through the open breaker), never dead-lettered, and /ready says why.
    await eventually(async () => twilio.requests.length >= 5, { what: 'the send retried past FTE_MAX_ATTEMPTS', timeoutMs: 30_000 })
    const ready = await eventually(async () => {
      const r = await fetch(`${app.url}/ready`)
      return r.status === 503 ? ((await r.json()) as { status: string; stalled: { group: string }[] }) : null
    }, { what: '/ready answering 503 during the outage' })
    assert.equal(ready.status, 'degraded')
    assert.ok(ready.stalled.some((s) => s.group === 'fte.dispatch.whatsapp'), `the waiting group is named: ${JSON.stringify(ready.stalled)}`)
    assert.equal(/20500|Internal Server Error|127\.0\.0\.1/.test(JSON.stringify(ready)), false, `the public /ready keeps the errors to the logs: ${JSON.stringify(ready)}`)
    assert.equal((await fetch(`${app.url}/health`)).status, 200, 'alive all along: a restart would not bring Twilio back')
    assert.deepEqual(await whatsappLetters(), [], 'a provider outage is not a dead letter')
    assert.equal(twilio.messages.length, 0)

    // Provider back: the reply goes out once, by itself.
    twilio.failWhen = null
    await eventually(async () => twilio.messages.length === 1, { what: 'the delayed send', timeoutMs: 30_000 })
    assert.equal(twilio.messages[0]!.to, `whatsapp:${phone}`)
    await eventually(async () => (await fetch(`${app.url}/ready`)).status === 200, { what: '/ready answering 200 again' })
    await new Promise((r) => setTimeout(r, 500))
    assert.equal(twilio.messages.length, 1, 'sent once')
    assert.deepEqual(await whatsappLetters(), [])
  })

  it('dead-letters a refusal retrying cannot change, shows it on the ticket, and sends it once replayed', async () => {
    const sentBefore = twilio.messages.length
    twilio.failWhen = () => ({ status: 401, code: 20003, message: 'Authenticate' })
    const phone = '+14155550199'
    await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: phone, value: whatsappInbound(phone, 'how do I reset my password?') }])
    const staff = await staffMember(rt.db, 'analyst')
    const waTicket = await ticketOf(phone, staff.headers)
    const failed = await eventually(async () => {
      const v = (await (await fetch(`${app.url}/api/tickets/${waTicket}`, { headers: staff.headers })).json()) as { history: { direction: string; delivery_status: string | null; delivery_error: string | null }[] }
      const out = v.history.find((m) => m.direction === 'outbound')
      return out?.delivery_status === 'failed' ? out : null
    }, { what: 'the failed delivery on the ticket', timeoutMs: 30_000 })
    assert.match(failed.delivery_error ?? '', /401|20003/)
    const publicView = (await (await fetch(`${app.url}/support/ticket/${waTicket}`)).json()) as { messages: Record<string, unknown>[] }
    assert.equal(publicView.messages.find((m) => m.direction === 'outbound')?.delivery_status, 'failed')
    assert.equal(JSON.stringify(publicView).includes('20003'), false, 'the provider\'s error text is for staff only')
    const letters = await whatsappLetters()
    assert.equal(letters.length, 1, 'one dead letter')
    assert.match(letters[0]!.error, /HTTP 401/)

    // Credentials fixed: replaying the dead letter sends the reply once.
    twilio.failWhen = null
    await replayDeadLetters(rt, letters[0]!.id)
    await eventually(async () => twilio.messages.length === sentBefore + 1, { what: 'the replayed send', timeoutMs: 30_000 })
    assert.equal(twilio.messages.at(-1)!.to, `whatsapp:${phone}`)
    const status = await eventually(async () => {
      const v = (await (await fetch(`${app.url}/support/ticket/${waTicket}`)).json()) as { messages: { direction: string; delivery_status: string | null }[] }
      const s = v.messages.find((m) => m.direction === 'outbound')?.delivery_status
      return s && s !== 'failed' ? s : null
    }, { what: 'the delivery status after the replay' })
    assert.equal(status, 'queued')
  })
})
