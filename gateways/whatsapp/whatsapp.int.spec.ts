/**
 * The WhatsApp channel end to end, in embedded mode: Twilio-signed webhooks in (signed with the
 * SDK's own helper over the public URL), the whole pipeline, and replies out through the official
 * `twilio` client to a local stand-in speaking Twilio's REST wire format.
 */
import { startSeeded } from '../../testing/seeded.js'
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes, randomUUID } from 'node:crypto'
import twilio from 'twilio'
import fc from 'fast-check'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'
import { stableId } from '../../platform/ids.js'
import { createGateway } from '../gateway.js'
import { Topics, type InboundMessage, type ReplyRequested } from '../../schemas/index.js'
import { whatsappSender, SERVICE_WINDOW_MS } from './sender.js'
import { EMPTY_TWIML } from './twilioWebhook.js'
import { INVALID_NUMBER, startTwilioStandIn, type TwilioStandIn } from '../../testing/standIns/twilio.js'
import { staffMember } from '../../testing/staff.js'

const PUBLIC_BASE_URL = 'https://support.example.com'
const ACCOUNT_SID = 'AC' + '1f'.repeat(16)
const AUTH_TOKEN = 'whatsapp-test-auth-token'
const SANDBOX = 'whatsapp:+14155238886'
const INBOUND = '/webhooks/whatsapp'
const STATUS = '/webhooks/whatsapp/status'

const newSid = () => 'SM' + randomBytes(16).toString('hex')

/** The form Twilio posts for a WhatsApp text message. */
const inboundForm = (phone: string, body: string, sid = newSid(), over: Record<string, string> = {}): Record<string, string> => ({
  SmsMessageSid: sid, NumMedia: '0', ProfileName: 'Wanda', MessageType: 'text', SmsSid: sid, WaId: phone.slice(1), SmsStatus: 'received',
  Body: body, To: SANDBOX, NumSegments: '1', ReferralNumMedia: '0', MessageSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${phone}`,
  ApiVersion: '2010-04-01', ...over,
})

const statusForm = (sid: string, status: string, over: Record<string, string> = {}): Record<string, string> => ({
  SmsSid: sid, SmsStatus: status, MessageStatus: status, ChannelToAddress: '+1415555XXXX', To: 'whatsapp:+14155550123', ChannelPrefix: 'whatsapp',
  MessageSid: sid, AccountSid: ACCOUNT_SID, From: SANDBOX, ApiVersion: '2010-04-01', ChannelInstallSid: 'XE' + '0'.repeat(32), ...over,
})

describe('WhatsApp through Twilio (embedded mode, local Twilio stand-in)', () => {
  let standIn: TwilioStandIn
  let rt: Runtime
  let app: Running

  before(async () => {
    standIn = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
    rt = await openRuntime(
      testConfig({
        FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-whatsapp-')),
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_WHATSAPP_FROM: SANDBOX,
        TWILIO_API_BASE_URL: standIn.baseUrl,
        PUBLIC_BASE_URL,
      }),
      testLog(),
    )
    app = await startSeeded(rt)
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    await standIn?.close()
  })

  /** POSTs a webhook as Twilio would: form-encoded, signed over the public URL with the auth token. */
  function webhook(p: string, params: Record<string, string>, opts: { signature?: string | null; body?: string; contentType?: string } = {}) {
    const signature = opts.signature === undefined ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_BASE_URL + p, params) : opts.signature
    return fetch(app.url + p, {
      method: 'POST',
      headers: { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
      body: opts.body ?? new URLSearchParams(params).toString(),
    })
  }
  const count = async (sql: string, params: unknown[] = []) => (await rt.db.query<{ n: number }>(sql, params)).rows[0]!.n
  const published = (topic: string) => count('SELECT count(*)::int AS n FROM event_log WHERE topic = $1', [topic])
  /** Until the pipeline has finished what earlier requests started: no event logged for 400 ms. */
  const quiet = async () => {
    let last = await count('SELECT count(*)::int AS n FROM event_log')
    for (;;) {
      await new Promise((r) => setTimeout(r, 400))
      const now = await count('SELECT count(*)::int AS n FROM event_log')
      if (now === last) return
      last = now
    }
  }
  let member: Awaited<ReturnType<typeof staffMember>> | undefined
  const staff = async () => (member ??= await staffMember(rt.db, 'analyst'))
  const customer = async (phone: string) => {
    const r = await fetch(`${app.url}/customers/lookup?phone=${encodeURIComponent(phone)}`, { headers: (await staff()).headers })
    return r.status === 200 ? ((await r.json()) as Record<string, any>) : null
  }
  const ticket = async (id: string) => (await fetch(`${app.url}/support/ticket/${id}`)).json() as Promise<Record<string, any>>
  const sentTo = (phone: string) => standIn.messages.filter((m) => m.to === `whatsapp:${phone}`)
  const reply = (over: Partial<ReplyRequested>): ReplyRequested => {
    const id = randomUUID()
    return {
      event_id: id, occurred_at: Date.now(), reply_id: id, ticket_id: `TKT-${id.slice(0, 8)}`, conversation_id: randomUUID(), customer_id: randomUUID(),
      channel: 'whatsapp', recipient: '+14155550100', subject: null, content: 'Hello!', in_reply_to: null, thread_id: null,
      inbound_occurred_at: Date.now(), recipient_email: null, author: null, ...over,
    }
  }

  it('answers a signed message with empty TwiML, replies through Twilio, and shows delivery on the ticket', async () => {
    const phone = '+14155550123'
    const res = await webhook(INBOUND, inboundForm(phone, 'Hi! How do I reset my password?'))
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/xml/)
    assert.equal(await res.text(), EMPTY_TWIML)

    const [sent] = await eventually(async () => (sentTo(phone).length ? sentTo(phone) : null), { what: 'the reply at the Twilio stand-in' })
    assert.equal(sent!.from, SANDBOX)
    assert.equal(sent!.statusCallback, `${PUBLIC_BASE_URL}${STATUS}`)
    assert.equal(sent!.authorization, 'Basic ' + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'))
    assert.match(sent!.body, /password/i)
    assert.ok(sent!.body.length <= 1600)

    const found = await eventually(async () => (await customer(phone))?.conversations?.[0]?.tickets?.[0] ?? null, { what: 'the customer by phone' })
    const view = await eventually(async () => {
      const v = await ticket(found.ticket_id)
      return v.messages.some((m: any) => m.direction === 'outbound' && m.delivery_status === 'queued') ? v : null
    }, { what: 'the reply on the ticket' })
    assert.equal(view.channel, 'whatsapp')
    assert.deepEqual(view.messages.map((m: any) => `${m.direction}:${m.channel}`), ['inbound:whatsapp', 'outbound:whatsapp'])
    assert.equal(view.messages[0].content, 'Hi! How do I reset my password?')
    assert.equal(view.messages[1].content, sent!.body)

    const delivered = await webhook(STATUS, statusForm(sent!.sid, 'delivered'))
    assert.equal(delivered.status, 200)
    const deliveredView = await eventually(async () => {
      const v = await ticket(found.ticket_id)
      return v.messages[1].delivery_status === 'delivered' && v.status === 'responded' ? v : null
    }, { what: 'delivered on the ticket, and the ticket responded' })
    assert.equal(deliveredView.escalation, null, 'answered, not escalated')

    // A late "sent" never hides "delivered"; "read" moves it on.
    assert.equal((await webhook(STATUS, statusForm(sent!.sid, 'sent'))).status, 200)
    const replyId = (await rt.db.query<{ reply_id: string }>('SELECT reply_id FROM whatsapp_sends WHERE provider_message_id = $1', [sent!.sid])).rows[0]!.reply_id
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM processed_events WHERE consumer = 'messages' AND event_id = $1`, [stableId('reply-status', replyId, 'sent', sent!.sid)])) === 1, { what: 'the late status projected' })
    assert.equal((await ticket(found.ticket_id)).messages[1].delivery_status, 'delivered')
    assert.equal((await webhook(STATUS, statusForm(sent!.sid, 'read'))).status, 200)
    await eventually(async () => (await ticket(found.ticket_id)).messages[1].delivery_status === 'read', { what: 'read on the ticket' })
  })

  it('a Twilio redelivery of the same MessageSid creates no second ticket, message or reply', async () => {
    const phone = '+14155550124'
    const sid = newSid()
    const form = inboundForm(phone, 'How do I export my project to CSV?', sid)
    for (let i = 0; i < 3; i++) assert.equal((await webhook(INBOUND, form)).status, 200)
    // A later message from the same number travels behind the copies through every stage: once
    // its reply is out, the copies have been handled too.
    const later = await webhook(INBOUND, inboundForm(phone, 'And how do I turn on two-factor authentication?'))
    assert.equal(later.status, 200)
    await eventually(async () => sentTo(phone).length >= 2, { what: 'the reply to the later message' })
    const c = await eventually(async () => {
      const v = await customer(phone)
      const id = v?.conversations?.[0]?.tickets?.[0]?.ticket_id
      return id && (await ticket(id)).messages.length === 4 ? v : null
    }, { what: 'both exchanges on the ticket' })
    assert.equal(sentTo(phone).length, 2, 'one reply per distinct message')
    assert.equal(c.conversations.length, 1)
    assert.equal(c.conversations[0].tickets.length, 1)
    assert.equal(await count('SELECT count(*)::int AS n FROM messages WHERE channel_message_id = $1', [sid]), 1)
    assert.equal(await count(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND direction = 'outbound'`, [c.conversations[0].tickets[0].ticket_id]), 2)
  })

  it('rejects forged or unsigned webhooks with 403 and publishes nothing', async () => {
    const phone = '+14155550125'
    const form = inboundForm(phone, 'Please send me the admin password')
    const before = await published(Topics.ticketsIncoming)
    const beforeStatus = await published(Topics.replyStatus)
    const messagesBefore = await count('SELECT count(*)::int AS n FROM messages')
    const forgeries: [string, Promise<Response>][] = [
      ['missing signature', webhook(INBOUND, form, { signature: null })],
      ['empty signature', webhook(INBOUND, form, { signature: '' })],
      ['garbage signature', webhook(INBOUND, form, { signature: 'bm90IGEgc2lnbmF0dXJl' })],
      ['signed with another auth token', webhook(INBOUND, form, { signature: twilio.getExpectedTwilioSignature('someone-elses-token', PUBLIC_BASE_URL + INBOUND, form) })],
      ['signed over the internal URL, not the public one', webhook(INBOUND, form, { signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, app.url + INBOUND, form) })],
      ['body changed after signing', webhook(INBOUND, form, { body: new URLSearchParams({ ...form, Body: 'Refund me now' }).toString() })],
      ['parameter added after signing', webhook(INBOUND, form, { body: new URLSearchParams({ ...form, Extra: '1' }).toString() })],
      ['status callback, unsigned', webhook(STATUS, statusForm(newSid(), 'delivered'), { signature: null })],
      ['status callback, forged', webhook(STATUS, statusForm(newSid(), 'failed'), { signature: twilio.getExpectedTwilioSignature('x', PUBLIC_BASE_URL + STATUS, {}) })],
    ]
    for (const [what, pending] of forgeries) {
      const res = await pending
      assert.equal(res.status, 403, what)
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_signature', what)
    }
    assert.equal(await published(Topics.ticketsIncoming), before, 'nothing published')
    assert.equal(await published(Topics.replyStatus), beforeStatus, 'no status published')
    await new Promise((r) => setTimeout(r, 500))
    assert.equal(await count('SELECT count(*)::int AS n FROM messages'), messagesBefore, 'no new message')
    assert.equal(await customer(phone), null)
  })

  it('answers malformed or oversized webhooks with 4xx naming the field, and publishes nothing', async () => {
    const phone = '+14155550126'
    const before = await published(Topics.ticketsIncoming)
    const field = async (res: Response) => ((await res.json()) as { details: { field: string }[] }).details[0]!.field
    const noSid = inboundForm(phone, 'hello')
    delete noSid.MessageSid

    let res = await webhook(INBOUND, noSid)
    assert.equal(res.status, 400)
    assert.equal(await field(res), 'MessageSid')
    res = await webhook(INBOUND, inboundForm(phone, 'hello', 'SM-not-a-sid'))
    assert.equal(res.status, 400)
    assert.equal(await field(res), 'MessageSid')
    for (const from of ['+14155550126', 'whatsapp:14155550126', 'whatsapp:+1', 'tel:+14155550126', '']) {
      res = await webhook(INBOUND, inboundForm(phone, 'hello', newSid(), { From: from }))
      assert.equal(res.status, 400, from)
      assert.equal(await field(res), 'From')
    }
    res = await webhook(INBOUND, inboundForm(phone, 'x'.repeat(5000)))
    assert.equal(res.status, 400, 'a Body longer than WhatsApp allows')
    assert.equal(await field(res), 'Body')
    res = await webhook(STATUS, statusForm(newSid(), 'exploded'))
    assert.equal(res.status, 400)
    assert.equal(await field(res), 'MessageStatus')

    // Over 64 KB: refused before anything is read into the handler, signed or not.
    const huge = inboundForm(phone, 'y'.repeat(70_000))
    res = await webhook(INBOUND, huge)
    assert.equal(res.status, 413)
    res = await webhook(INBOUND, huge, { signature: null })
    assert.equal(res.status, 413)
    res = await webhook(INBOUND, {}, { contentType: 'application/json', body: JSON.stringify(inboundForm(phone, 'hello')) })
    assert.equal(res.status, 415)

    assert.equal(await published(Topics.ticketsIncoming), before, 'nothing published')
    assert.equal((await fetch(`${app.url}/health`)).status, 200, 'still serving')
  })

  it('acknowledges a status callback for a message that is not ours, publishing nothing', async () => {
    const before = await published(Topics.replyStatus)
    const res = await webhook(STATUS, statusForm(newSid(), 'delivered'))
    assert.equal(res.status, 200)
    assert.equal(await res.text(), EMPTY_TWIML)
    const sending = await webhook(STATUS, statusForm(newSid(), 'sending'))
    assert.equal(sending.status, 200, 'a Twilio state we do not track is acknowledged')
    assert.equal(await published(Topics.replyStatus), before)
  })

  it('answers 503 channel_not_configured, even to signed requests, when Twilio is not configured', async () => {
    const config = testConfig({ FTE_DATA_DIR: rt.config.dataDir })
    assert.equal(config.twilio, null)
    const gateway = createGateway({ config, db: rt.db, transport: rt.transport, log: rt.log, health: rt.health, publicRoutes: true })
    const server = await new Promise<Server>((r) => {
      const s = gateway.listen(0, '127.0.0.1', () => r(s))
    })
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const before = await published(Topics.ticketsIncoming)
      for (const p of [INBOUND, STATUS]) {
        const params = p === INBOUND ? inboundForm('+14155550127', 'hello') : statusForm(newSid(), 'delivered')
        const res = await fetch(url + p, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_BASE_URL + p, params) },
          body: new URLSearchParams(params).toString(),
        })
        assert.equal(res.status, 503, p)
        assert.equal(((await res.json()) as { error: string }).error, 'channel_not_configured')
      }
      assert.equal(await published(Topics.ticketsIncoming), before)
    } finally {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  })

  it('splits a reply over 1600 characters into ordered parts, maps every part back for status, and resumes without repeats', async () => {
    const sender = whatsappSender({ config: rt.config, db: rt.db, log: rt.log })
    const phone = '+14155550188'
    const sentences = Array.from({ length: 50 }, (_, i) => `Step ${i + 1} of the guide: open the project settings, then choose option ${i + 1}.`)
    const long = reply({ recipient: phone, content: sentences.join(' ') })
    assert.ok(long.content.length > 3200)

    const result = await sender.send(long)
    const parts = sentTo(phone)
    assert.equal(parts.length, 3)
    assert.ok(parts.every((p) => p.body.length <= 1600 && /^Step \d+ /.test(p.body) && p.body.endsWith('.')))
    assert.equal(parts.map((p) => p.body).join(' '), long.content, 'in order, nothing lost')
    assert.deepEqual(result, { status: 'queued', providerMessageId: parts[0]!.sid })
    const rows = (await rt.db.query<{ part: number; provider_message_id: string }>('SELECT part, provider_message_id FROM whatsapp_sends WHERE reply_id = $1 ORDER BY part', [long.reply_id])).rows
    assert.deepEqual(rows, parts.map((p, i) => ({ part: i + 1, provider_message_id: p.sid })))

    // A status for the second part is the reply's status.
    assert.equal((await webhook(STATUS, statusForm(parts[1]!.sid, 'delivered'))).status, 200)
    await eventually(async () => {
      const d = (await rt.db.query<{ status: string; provider_message_id: string }>('SELECT status, provider_message_id FROM message_deliveries WHERE message_id = $1', [long.reply_id])).rows[0]
      return d?.status === 'delivered' && d.provider_message_id === parts[1]!.sid
    }, { what: 'the part-2 status on the reply' })

    // Twilio fails on part 2: the dispatcher's retry sends parts 2 and 3 only.
    const phone2 = '+14155550189'
    const retried = reply({ recipient: phone2, content: sentences.join(' ') })
    let outages = 1
    standIn.failWhen = (form) => form.To === `whatsapp:${phone2}` && form.Body!.startsWith(parts[1]!.body.slice(0, 20)) && outages-- > 0
    try {
      await assert.rejects(sender.send(retried), (err: Error & { retriable?: boolean }) => err.retriable !== false && /part 2\/3/.test(err.message))
    } finally {
      standIn.failWhen = null
    }
    assert.equal(sentTo(phone2).length, 1)
    const again = await sender.send(retried)
    assert.deepEqual(sentTo(phone2).map((m) => m.body), parts.map((p) => p.body), 'each part exactly once, in order')
    assert.equal(again.providerMessageId, sentTo(phone2)[0]!.sid)
  })

  it('gives up at once (not retriable) when Twilio refuses the number', async () => {
    const sender = whatsappSender({ config: rt.config, db: rt.db, log: rt.log })
    await assert.rejects(sender.send(reply({ recipient: INVALID_NUMBER })), (err: Error & { retriable?: boolean }) => err.retriable === false && /21211/.test(err.message))
  })

  it('outside the 24-hour window sends nothing and reports needs_template; inside it (by any later message) sends', async () => {
    const sender = whatsappSender({ config: rt.config, db: rt.db, log: rt.log })
    const stale = Date.now() - SERVICE_WINDOW_MS - 60 * 60 * 1000
    const phone = '+14155550190'
    assert.deepEqual(await sender.send(reply({ recipient: phone, inbound_occurred_at: stale })), { status: 'needs_template', providerMessageId: null })
    assert.equal(sentTo(phone).length, 0)

    // The reply answers an old message, but the customer wrote since (the messages read model knows).
    const recent = await eventually(async () => customer('+14155550123'), { what: 'a customer who wrote recently' })
    const result = await sender.send(reply({ recipient: '+14155550123', customer_id: recent.customer_id, inbound_occurred_at: stale, content: 'Following up on your question.' }))
    assert.equal(result.status, 'queued')
    assert.ok(standIn.messages.some((m) => m.body === 'Following up on your question.'))
  })

  it('holds a reply the pipeline dispatches after the window closed: needs_template on the ticket, nothing sent', async () => {
    const phone = '+14155550191'
    const sid = newSid()
    // A message whose reply leaves more than 24 h later (a backlog, or a dead letter replayed).
    const old: InboundMessage = {
      event_id: stableId('inbound', 'whatsapp', sid), occurred_at: Date.now() - SERVICE_WINDOW_MS - 60_000, channel: 'whatsapp', channel_message_id: sid,
      ticket_id: null, sender: { name: 'Olga', email: null, phone, verified: true }, subject: null, category: null, priority: null, content: 'How do I export my project to CSV?', thread_id: null,
    }
    await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: phone, value: old }])
    const found = await eventually(async () => (await customer(phone))?.conversations?.[0]?.tickets?.[0] ?? null, { what: 'the ticket' })
    const view = await eventually(async () => {
      const v = await ticket(found.ticket_id)
      return v.messages.find((m: any) => m.direction === 'outbound')?.delivery_status ? v : null
    }, { what: 'the held reply' })
    assert.equal(view.messages.find((m: any) => m.direction === 'outbound').delivery_status, 'needs_template')
    assert.equal(sentTo(phone).length, 0)
  })

  it('never answers 5xx to signed forms, whatever they hold, and publishes only what it accepts (property)', async () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('', ' ', '\u0000', '😀'.repeat(2100), 'x'.repeat(4200)))
    const value = fc.oneof(text, fc.constantFrom(newSid(), 'whatsapp:+14155550150', 'whatsapp:+999', '3', 'delivered', 'failed', 'sending'))
    const form = fc.dictionary(fc.constantFrom('From', 'Body', 'MessageSid', 'ProfileName', 'NumMedia', 'MessageStatus', 'ErrorCode', 'ErrorMessage', 'a.b', 'x[0]'), value)
    await fc.assert(
      fc.asyncProperty(form, fc.constantFrom(INBOUND, STATUS), async (params, p) => {
        // Only the gateways write fte.tickets.incoming; dispatch writes fte.replies.status too,
        // for what an earlier accepted message set going, so a status callback waits for that.
        const topic = p === INBOUND ? Topics.ticketsIncoming : Topics.replyStatus
        if (p === STATUS) await quiet()
        const before = await published(topic)
        const res = await webhook(p, params)
        await res.arrayBuffer()
        assert.ok(res.status < 500, `${p} answered ${res.status} for ${JSON.stringify(params).slice(0, 300)}`)
        assert.notEqual(res.status, 403, 'a correctly signed form is never refused as forged')
        const after = await published(topic)
        const ok = res.status === 200 ? after - before <= 1 : after === before
        // A message of our own: without one, assert.ok reads the source to word it, which can take minutes.
        assert.ok(ok, `${p} answered ${res.status} and ${after - before} event(s) were published for ${JSON.stringify(params).slice(0, 300)}`)
      }),
      { numRuns: 80 },
    )
  })
})
