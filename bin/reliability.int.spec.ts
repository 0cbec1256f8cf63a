/**
 * Outbound reliability, end to end in embedded mode with the real Twilio SDK against the Twilio
 * stand-in: while WhatsApp is down, web-form replies keep flowing; the WhatsApp reply is retried,
 * dead-lettered with the reason, shown as failed on the ticket, and sent once replayed.
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

  it('keeps other channels flowing while one provider is down, and shows and replays the failed send', async () => {
    twilio.failWhen = () => true
    const phone = '+14155550188'
    const inbound: InboundMessage = {
      event_id: uniqueName('wa-down'), occurred_at: Date.now(), channel: 'whatsapp', channel_message_id: uniqueName('SM'), ticket_id: null,
      sender: { name: 'Ola', email: null, phone, verified: true }, subject: null, category: null, priority: null, content: 'how do I reset my password?', thread_id: null,
    }
    await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: phone, value: inbound }])

    // The web form is not held up by WhatsApp's outage.
    const res = await fetch(`${app.url}/support/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pia', email: 'pia@example.com', subject: 'Export', category: 'general', message: 'How do I export my project to CSV?' }),
    })
    const { ticket_id: webTicket } = (await res.json()) as { ticket_id: string }
    await eventually(async () => ((await (await fetch(`${app.url}/support/ticket/${webTicket}`)).json()) as { status: string }).status === 'responded', { what: 'the web-form reply during the outage' })

    const staff = await staffMember(rt.db, 'analyst')
    const customer = await eventually(async () => {
      const r = await fetch(`${app.url}/customers/lookup?phone=${encodeURIComponent(phone)}`, { headers: staff.headers })
      return r.status === 200 ? ((await r.json()) as { conversations: { tickets: { ticket_id: string }[] }[] }) : null
    }, { what: 'the WhatsApp customer' })
    const waTicket = customer.conversations[0]!.tickets[0]!.ticket_id
    const failed = await eventually(async () => {
      const v = (await (await fetch(`${app.url}/api/tickets/${waTicket}`, { headers: staff.headers })).json()) as { history: { direction: string; delivery_status: string | null; delivery_error: string | null }[] }
      const out = v.history.find((m) => m.direction === 'outbound')
      return out?.delivery_status === 'failed' ? out : null
    }, { what: 'the failed delivery on the ticket', timeoutMs: 30_000 })
    assert.match(failed.delivery_error ?? '', /Internal Server Error|20500|500/)
    const publicView = (await (await fetch(`${app.url}/support/ticket/${waTicket}`)).json()) as { messages: Record<string, unknown>[] }
    assert.equal(publicView.messages.find((m) => m.direction === 'outbound')?.delivery_status, 'failed')
    assert.equal(JSON.stringify(publicView).includes('20500'), false, 'the provider\'s error text is for staff only')
    assert.ok(twilio.requests.length >= 3, `the send was retried (${twilio.requests.length} attempts)`)
    assert.equal(twilio.messages.length, 0)

    // Provider back: replaying the dead letter sends the reply once.
    twilio.failWhen = null
    const letter = (await rt.db.query<{ id: string }>(`SELECT id FROM dead_letters WHERE source_topic = $1`, [Topics.whatsappOutbound])).rows[0]!
    await replayDeadLetters(rt, letter.id)
    await eventually(async () => twilio.messages.length === 1, { what: 'the replayed send', timeoutMs: 30_000 })
    assert.equal(twilio.messages[0]!.to, `whatsapp:${phone}`)
    const status = await eventually(async () => {
      const v = (await (await fetch(`${app.url}/support/ticket/${waTicket}`)).json()) as { messages: { direction: string; delivery_status: string | null }[] }
      const s = v.messages.find((m) => m.direction === 'outbound')?.delivery_status
      return s && s !== 'failed' ? s : null
    }, { what: 'the delivery status after the replay' })
    assert.equal(status, 'queued')
  })
})
