/**
 * A reply reaches the customer once, on the real stack (Kafka, registry, Postgres), through the
 * official twilio and googleapis clients against their stand-ins:
 * - a provider that accepts a send but answers after the client gave up: the retry finds the
 *   message at the provider (Twilio's message list, Gmail's search by our Message-ID) and does not
 *   send it again;
 * - a dispatcher SIGKILLed between Twilio accepting the reply and recording it: restarted, it asks
 *   Twilio and records the message the customer already has;
 * - a send the provider really did not take (an outage) is still sent, once.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { openRuntime, type Runtime } from '../platform/runtime.js'
import { startRoles, type Running } from './roles.js'
import { replyEvent } from '../platform/replyEvent.js'
import type { Channel, ReplyRequested } from '../schemas/index.js'
import { eventually, freshDatabase, noStack, stack, testConfig, testLog, uniqueName } from '../testing/stack.js'
import type { TwilioStandIn } from '../testing/standIns/twilio.js'
import type { GoogleStandIn } from '../testing/standIns/google.js'
import { startProviderStandIns, type ProviderStandIns } from '../testing/standIns/providers.js'
import { startRoleProcess, type RoleProcess } from '../testing/processes.js'


function reply(channel: Channel, recipient: string, content: string, extra: Partial<ReplyRequested> = {}): ReplyRequested {
  const id = randomUUID()
  return {
    event_id: randomUUID(), occurred_at: Date.now(), reply_id: id, ticket_id: randomUUID(), conversation_id: randomUUID(), customer_id: randomUUID(),
    channel, recipient, subject: channel === 'email' ? 'Re: Export' : null, content, in_reply_to: null, thread_id: null,
    inbound_occurred_at: Date.now(), recipient_email: null, author: null, ...extra,
  }
}

describe('a reply reaches the customer once', { skip: noStack }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>
  let twilio: TwilioStandIn
  let google: GoogleStandIn
  let providers: ProviderStandIns
  let env: Record<string, string>
  let rt: Runtime
  let app: Running
  const children = new Set<RoleProcess>()

  before(async () => {
    database = await freshDatabase()
    providers = await startProviderStandIns('reply-once')
    ;({ twilio, google } = providers)
    env = {
      KAFKA_BROKERS: stack.kafkaBrokers!, SCHEMA_REGISTRY_URL: stack.registryUrl!, DATABASE_URL: database.url,
      ...providers.env,
      // The client gives up after 1 s; the stand-ins answer the late sends after 3 s.
      FTE_PROVIDER_TIMEOUT_MS: '1000', FTE_RETRY_BACKOFF_MS: '100', FTE_RETRY_MAX_BACKOFF_MS: '500',
    }
    rt = await openRuntime(testConfig({ ...env, FTE_TOPIC_PREFIX: uniqueName('once') + '.' }), testLog())
    app = await startRoles(rt, ['dispatch'])
  })

  after(async () => {
    for (const c of children) c.child.kill('SIGKILL')
    await app?.close()
    await rt?.close()
    await providers?.close()
    await database?.drop()
  })

  const sendRow = (db: Runtime['db'], replyId: string) =>
    db.query<{ status: string; provider_message_id: string | null }>('SELECT status, provider_message_id FROM outbound_sends WHERE reply_id = $1', [replyId]).then((r) => r.rows[0] ?? null)
  const settledRow = (db: Runtime['db'], replyId: string, what: string) =>
    eventually(async () => {
      const row = await sendRow(db, replyId)
      return row && row.status !== 'sending' ? row : null
    }, { what, timeoutMs: 60_000 })
  const toNumber = (phone: string) => twilio.messages.filter((m) => m.to === `whatsapp:${phone}`)
  const lists = () => twilio.requests.filter((r) => r.method === 'GET').length
  const waitOutLateAnswers = () => new Promise((r) => setTimeout(r, 3500))

  it('finds a WhatsApp reply Twilio accepted but answered too late, and does not send it again', async () => {
    const phone = '+14155550101'
    twilio.answerLateWhen = (form) => (form.To === `whatsapp:${phone}` ? 3000 : null)
    const listsBefore = lists()
    const r = reply('whatsapp', phone, 'To export a project, open it and choose Export > CSV.')
    await rt.transport.publish([replyEvent(r)])
    const row = await settledRow(rt.db, r.reply_id, 'the WhatsApp send recorded')
    twilio.answerLateWhen = null
    await waitOutLateAnswers()
    const sent = toNumber(phone)
    assert.equal(sent.length, 1, `messages to the customer: ${sent.length}`)
    assert.equal(row.provider_message_id, sent[0]!.sid, 'the message Twilio has is the one recorded')
    assert.ok(lists() > listsBefore, 'the retry asked Twilio for its messages before sending')
  })

  it('finds an email reply Gmail accepted but answered too late by its Message-ID, and does not send it again', async () => {
    const email = 'ada.once@example.com'
    google.answerLate.send = { delayMs: 3000, times: 1 }
    const r = reply('email', email, 'To export a project, open it and choose Export > CSV.')
    await rt.transport.publish([replyEvent(r)])
    const row = await settledRow(rt.db, r.reply_id, 'the email send recorded')
    await waitOutLateAnswers()
    const sent = google.sent.filter((m) => m.mime.includes(`To: ${email}`))
    assert.equal(sent.length, 1, `emails to the customer: ${sent.length}`)
    assert.equal(row.provider_message_id, sent[0]!.id)
    assert.ok(google.requests.some((q) => q.path === '/gmail/v1/users/me/messages' && (q.query.get('q') ?? '').startsWith('rfc822msgid:')), 'searched Gmail by Message-ID')
  })

  it('sends a reply the provider did not take during an outage, once, after asking', async () => {
    const phone = '+14155550102'
    let refusals = 2
    twilio.failWhen = (form) => form.To === `whatsapp:${phone}` && refusals-- > 0
    const r = reply('whatsapp', phone, 'Notifications are under Settings > Notifications.')
    await rt.transport.publish([replyEvent(r)])
    const row = await settledRow(rt.db, r.reply_id, 'the WhatsApp send after the outage')
    twilio.failWhen = null
    assert.equal(toNumber(phone).length, 1, 'sent once the outage is over: not dropped, not doubled')
    assert.equal(row.provider_message_id, toNumber(phone)[0]!.sid)
  })

  it('restarted after a SIGKILL between Twilio accepting the reply and recording it, finds it and sends nothing twice', async () => {
    // A dispatcher of its own, as a process, on topics of its own (the in-process one never sees them).
    const prefix = uniqueName('kill') + '.'
    const own = await openRuntime(testConfig({ ...env, FTE_TOPIC_PREFIX: prefix }), testLog())
    const dispatcher = async () => {
      const child = await startRoleProcess({ name: 'dispatcher', roles: 'dispatch', env: { ...env, FTE_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn', FTE_SEED_KNOWLEDGE: 'false' } })
      children.add(child)
      return child
    }
    try {
      const phone = '+14155550103'
      // Joined before the reply is published: a group that joins later would start past it.
      const first = await dispatcher()
      await first.ready()
      twilio.onAccepted = (m) => {
        if (m.to === `whatsapp:${phone}`) first.child.kill('SIGKILL')
      }
      const r = reply('whatsapp', phone, 'You can change your plan under Billing > Plan.')
      await own.transport.publish([replyEvent(r)])
      const signal = await first.exited
      twilio.onAccepted = null
      assert.equal(signal, 'SIGKILL', 'the dispatcher died the moment Twilio accepted the message')
      assert.equal(toNumber(phone).length, 1)
      assert.equal((await sendRow(own.db, r.reply_id))?.status, 'sending', 'the intent was recorded before the call; the outcome never was')

      const listsBefore = lists()
      const second = await dispatcher()
      const row = await settledRow(own.db, r.reply_id, 'the restarted dispatcher recording the send')
      assert.equal(toNumber(phone).length, 1, 'the customer has the reply once')
      assert.equal(row.provider_message_id, toNumber(phone)[0]!.sid)
      assert.ok(lists() > listsBefore, 'the restarted dispatcher asked Twilio first')
      assert.equal(await second.stop(), 0, 'the restarted dispatcher stops cleanly on SIGTERM')
    } finally {
      twilio.onAccepted = null
      await own.close()
    }
  })
})
