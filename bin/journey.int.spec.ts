/**
 * The first end-to-end journey, in both modes with the same code: web form -> identity ->
 * retrieval -> decision -> dispatch -> projections -> read API. Kafka mode runs on the real
 * broker, registry and Postgres + pgvector that scripts/test.ts started.
 */
import { startSeeded } from '../testing/seeded.js'
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { openRuntime, type Runtime } from '../platform/runtime.js'
import type { Running } from './roles.js'
import { replayDeadLetters } from './deadLetters.js'
import { Topics, type InboundMessage } from '../schemas/index.js'
import { eventually, freshDatabase, noStack, stack, testConfig, testLog, uniqueName } from '../testing/stack.js'
import { staffMember } from '../testing/staff.js'

interface Ctx {
  rt: Runtime
  app: Running
  url: string
  prefix: string
  /** An analyst's Authorization header: customer lookups are staff-only. */
  staff: Record<string, string>
}

const post = (url: string, body: unknown, raw?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) })

const ticket = async (c: Ctx, id: string) => (await fetch(`${c.url}/support/ticket/${id}`)).json() as Promise<Record<string, any>>

function inbound(n: string, sender: InboundMessage['sender'], content: string): InboundMessage {
  return {
    event_id: `redelivery-${n}`, occurred_at: Date.now(), channel: 'web_form', channel_message_id: `cm-${n}`, ticket_id: null,
    sender, subject: 'Exporting', category: 'general', priority: null, content, thread_id: null,
  }
}

function journey(mode: 'embedded' | 'kafka', skip: string | undefined, open: () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>) {
  describe(`journey (${mode})`, { skip }, () => {
    let c: Ctx
    let cleanup: () => Promise<void> = async () => undefined
    before(async () => {
      const prefix = uniqueName('j') + '.'
      const opened = await open()
      cleanup = opened.cleanup
      const rt = await openRuntime(testConfig({ ...opened.env, FTE_TOPIC_PREFIX: prefix }), testLog())
      const app = await startSeeded(rt)
      c = { rt, app, url: app.url!, prefix, staff: (await staffMember(rt.db, 'analyst')).headers }
    })
    after(async () => {
      await c?.app.close()
      await c?.rt.close()
      await cleanup()
    })

    it('answers a web-form question from the knowledge base, visible on the ticket and the customer', async (t) => {
      const started = Date.now()
      const res = await post(`${c.url}/support/submit`, {
        name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '+44 20 7946 0958', subject: 'Cannot log in',
        category: 'technical', message: 'I forgot my password and cannot log in to my account.',
      })
      assert.equal(res.status, 202)
      const { ticket_id } = (await res.json()) as { ticket_id: string }
      assert.match(ticket_id, /^TKT-/)
      const early = await fetch(`${c.url}/support/ticket/${ticket_id}`)
      assert.equal(early.status, 200, 'an accepted ticket never reads as not found')

      const view = await eventually(async () => {
        const v = await ticket(c, ticket_id)
        // The delivery comes on a topic of its own, so it may be projected a moment after the reply.
        return v.status === 'responded' && v.messages.some((m: any) => m.direction === 'outbound' && m.delivery_status) ? v : null
      }, { what: 'the reply' })
      t.diagnostic(`submit -> reply visible in the read model: ${Date.now() - started} ms (${mode})`)
      assert.equal(view.channel, 'web_form')
      assert.equal(view.subject, 'Cannot log in')
      assert.equal(view.escalation, null)
      assert.deepEqual(view.messages.map((m: any) => [m.direction, m.role]), [['inbound', 'customer'], ['outbound', 'agent']])
      const reply = view.messages[1]
      assert.match(reply.content, /Forgot password/)
      assert.match(reply.content, /^Hi Ada,/)
      assert.equal(reply.delivery_status, 'delivered')

      const customer = (await (await fetch(`${c.url}/customers/lookup?email=ada@example.com`, { headers: c.staff })).json()) as Record<string, any>
      assert.equal(customer.name, 'Ada Lovelace')
      assert.deepEqual(customer.identifiers.map((i: any) => `${i.kind}:${i.value}`).sort(), ['email:ada@example.com', 'phone:+442079460958'])
      assert.equal(customer.conversations.length, 1)
      assert.equal(customer.conversations[0].tickets[0].ticket_id, ticket_id)
      const byPhone = (await (await fetch(`${c.url}/customers/lookup?phone=%2B442079460958`, { headers: c.staff })).json()) as Record<string, any>
      assert.equal(byPhone.customer_id, customer.customer_id)
    })

    it('escalates a refund request with the reason, and acknowledges the customer', async () => {
      const res = await post(`${c.url}/support/submit`, {
        name: 'Bob', email: 'bob@example.com', subject: 'Charged twice', category: 'billing', message: 'I was charged twice this month and I want a refund.',
      })
      const { ticket_id } = (await res.json()) as { ticket_id: string }
      const view = await eventually(async () => {
        const v = await ticket(c, ticket_id)
        return v.status === 'escalated' && v.escalation && v.messages.length === 2 ? v : null
      }, { what: 'the escalation' })
      assert.deepEqual(Object.keys(view.escalation), ['raised_at'], 'the customer sees when, never why')
      // The hand-over's details (EscalationRaised) are projected from their own topic, which on
      // Kafka may trail the lifecycle event that made the ticket escalated.
      const staffView = await eventually(async () => {
        const v = (await (await fetch(`${c.url}/api/tickets/${ticket_id}`, { headers: c.staff })).json()) as Record<string, any>
        return v.escalation?.summary ? v : null
      }, { what: 'the hand-over in the staff view' })
      assert.equal(staffView.escalation.reason, 'refund')
      assert.equal(staffView.escalation.priority, 'high')
      assert.match(view.messages[1].content, /member of our support team/)
      assert.doesNotMatch(view.messages[1].content, /refund/i, 'the acknowledgement does not reveal the internal reason')
    })

    it('sends unusable events to the DLQ with the reason while the pipeline keeps answering, and replays them', async () => {
      await c.rt.transport.publishRaw(Topics.ticketsIncoming, 'poison', Buffer.from('not an event at all'))
      await c.rt.transport.publish([{ topic: Topics.ticketsIncoming, key: 'nobody', value: inbound('nobody', { name: 'X', email: null, phone: null }, 'who am I?') }])
      const letters = await eventually(async () => {
        const rows = (await c.rt.db.query<{ id: string; error: string; group_id: string; message_key: string }>('SELECT id, error, group_id, message_key FROM dead_letters')).rows
        return rows.some((r) => r.message_key === 'poison' && r.group_id === 'fte.identity') && rows.some((r) => r.message_key === 'nobody') ? rows : null
      }, { what: 'dead letters' })
      assert.match(letters.find((r) => r.message_key === 'poison' && r.group_id === 'fte.identity')!.error, /not Confluent wire format/)
      assert.match(letters.find((r) => r.message_key === 'nobody')!.error, /no usable email or phone/)

      const res = await post(`${c.url}/support/submit`, { name: 'Cy', email: 'cy@example.com', subject: 'Export', category: 'general', message: 'How do I export my project to CSV?' })
      const { ticket_id } = (await res.json()) as { ticket_id: string }
      const view = await eventually(async () => ((await ticket(c, ticket_id)).status === 'responded' ? ticket(c, ticket_id) : null), { what: 'a reply after the poison' })
      assert.match(view.messages[1].content, /Export/)

      // Replay puts the original bytes back on the source topic; still unusable, it is dead-lettered again at a new offset.
      const before = letters.length
      const identityLetter = letters.find((r) => r.message_key === 'nobody' && r.group_id === 'fte.identity')!
      await replayDeadLetters(c.rt, identityLetter.id)
      const after = await eventually(async () => {
        const rows = (await c.rt.db.query<{ id: string; replayed_at: unknown }>('SELECT id, replayed_at FROM dead_letters')).rows
        return rows.length > before ? rows : null
      }, { what: 'the replayed event to come back' })
      assert.ok(after.find((r) => r.id === identityLetter.id)!.replayed_at, 'the dead letter is marked replayed')
    })

    it('creates no duplicate ticket, message or reply when an event is delivered twice', async () => {
      const m = inbound(uniqueName('dup'), { name: 'Dee', email: 'dee@example.com', phone: null }, 'How do I export my project to CSV?')
      await c.rt.transport.publish([{ topic: Topics.ticketsIncoming, key: 'dee@example.com', value: m }])
      await c.rt.transport.publish([{ topic: Topics.ticketsIncoming, key: 'dee@example.com', value: m }])
      const customer = await eventually(async () => {
        const r = await fetch(`${c.url}/customers/lookup?email=dee@example.com`, { headers: c.staff })
        const body = r.status === 200 ? ((await r.json()) as Record<string, any>) : null
        return body?.conversations?.[0]?.tickets?.[0]?.status === 'responded' ? body : null
      }, { what: 'the reply to the duplicated message' })
      // Give the second copy time to travel the whole pipeline too.
      await new Promise((r) => setTimeout(r, mode === 'kafka' ? 3000 : 1000))
      const ticketId = customer.conversations[0].tickets[0].ticket_id
      const count = async (sql: string) => (await c.rt.db.query<{ n: number }>(sql, [ticketId])).rows[0]!.n
      assert.equal(customer.conversations.length, 1)
      assert.equal(await count('SELECT count(*)::int AS n FROM tickets WHERE id = $1'), 1)
      assert.equal(await count(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND direction = 'inbound'`), 1)
      assert.equal(await count(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND direction = 'outbound'`), 1)
      assert.equal(await count(`SELECT count(*)::int AS n FROM outbound_sends s JOIN messages m ON m.id = s.reply_id WHERE m.ticket_id = $1`), 1)
    })

    it('links one person across channels without continuing on a claim, and merges two customers only when a person confirms', async () => {
      const wa = (n: string, phone: string, content: string): InboundMessage => ({
        event_id: uniqueName(`wa-${n}`), occurred_at: Date.now(), channel: 'whatsapp', channel_message_id: uniqueName('SM'), ticket_id: null,
        sender: { name: 'Gus', email: null, phone, verified: true }, subject: null, category: null, priority: null, content, thread_id: null,
      })
      const lookup = async (q: string) => {
        const r = await fetch(`${c.url}/customers/lookup?${q}`, { headers: c.staff })
        return r.status === 200 ? ((await r.json()) as Record<string, any>) : null
      }
      // Web form with email + phone, then WhatsApp from that phone: the same customer for staff,
      // but the form only claimed the number, so WhatsApp opens its own conversation.
      const res = await post(`${c.url}/support/submit`, { name: 'Gus Grant', email: 'gus@example.com', phone: '+1 415 555 0142', subject: 'Export', category: 'general', message: 'How do I export my project to CSV?' })
      const { ticket_id } = (await res.json()) as { ticket_id: string }
      await eventually(async () => (await ticket(c, ticket_id)).status === 'responded', { what: 'the web-form reply' })
      await c.rt.transport.publish([{ topic: Topics.ticketsIncoming, key: '+14155550142', value: wa('1', '+14155550142', 'thanks! and how do I turn on two-factor authentication?') }])
      const gus = await eventually(async () => {
        const v = await lookup('phone=%2B14155550142')
        return v && v.conversations.length === 2 && v.conversations.every((cv: any) => cv.tickets.length === 1) ? v : null
      }, { what: 'the WhatsApp message on its own ticket' })
      assert.equal(gus.customer_id, (await lookup('email=gus@example.com'))!.customer_id)
      assert.deepEqual(gus.identifiers.map((i: any) => `${i.kind}:${i.verified}`), ['email:false', 'phone:false'], 'both only claimed by the form')
      const formTicket = await ticket(c, ticket_id)
      assert.deepEqual(formTicket.messages.map((m: any) => `${m.direction}:${m.channel}`), ['inbound:web_form', 'outbound:web_form'])

      // Two customers, known by email only and by phone only; a form carrying both suggests a link.
      await post(`${c.url}/support/submit`, { name: 'Hal', email: 'hal@example.com', subject: 'Slack', category: 'general', message: 'How do I connect Slack?' })
      await c.rt.transport.publish([{ topic: Topics.ticketsIncoming, key: '+14155550177', value: wa('2', '+14155550177', 'how do I create a recurring task?') }])
      const [hal, halPhone] = await eventually(async () => {
        const [a, b] = [await lookup('email=hal@example.com'), await lookup('phone=%2B14155550177')]
        return a && b ? [a, b] : null
      }, { what: 'two separate customers' })
      assert.notEqual(hal!.customer_id, halPhone!.customer_id)
      await post(`${c.url}/support/submit`, { name: 'Hal Hill', email: 'hal@example.com', phone: '+14155550177', subject: 'Invite', category: 'general', message: 'How do I invite team members?' })
      const agent = (await staffMember(c.rt.db, 'agent', 'Ana Agent')).headers
      const suggestion = await eventually(async () => {
        const r = (await (await fetch(`${c.url}/api/customers/suggestions`, { headers: c.staff })).json()) as { suggestions: any[] }
        return r.suggestions.find((x) => x.customers.some((p: any) => p.customer_id === halPhone!.customer_id)) ?? null
      }, { what: 'the suggested link' })
      assert.deepEqual(suggestion.customers.map((p: any) => p.customer_id).sort(), [hal!.customer_id, halPhone!.customer_id].sort())
      assert.notEqual((await lookup('email=hal@example.com'))!.customer_id, (await lookup('phone=%2B14155550177'))!.customer_id, 'never merged automatically')

      const analystMerge = await fetch(`${c.url}/api/customers/merge`, { method: 'POST', headers: { ...c.staff, 'content-type': 'application/json' }, body: JSON.stringify({ survivor: hal!.customer_id, merged: halPhone!.customer_id }) })
      assert.equal(analystMerge.status, 403, 'an analyst reads only')
      const merge = await fetch(`${c.url}/api/customers/merge`, { method: 'POST', headers: { ...agent, 'content-type': 'application/json' }, body: JSON.stringify({ survivor: hal!.customer_id, merged: halPhone!.customer_id }) })
      assert.equal(merge.status, 202)
      const merged = await eventually(async () => {
        const a = await lookup('email=hal@example.com')
        const b = await lookup('phone=%2B14155550177')
        return a && b && a.customer_id === b.customer_id && a.conversations.length === 3 ? a : null
      }, { what: 'the merge' })
      assert.equal(merged.customer_id, hal!.customer_id)
      assert.deepEqual(merged.identifiers.map((i: any) => i.kind).sort(), ['email', 'phone'])
      const kept = (await c.rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE merged_into = $1', [merged.customer_id])).rows[0]!.n
      assert.equal(kept, 1, 'the merged customer stays, pointing at the survivor')
      const left = await eventually(async () => {
        const rows = (await c.rt.db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM tickets WHERE customer_id = $1) + (SELECT count(*) FROM messages WHERE customer_id = $1) AS n`, [halPhone!.customer_id])).rows
        return Number(rows[0]!.n) === 0 ? 'none left' : null
      }, { what: 'tickets and messages re-pointed' })
      assert.equal(left, 'none left')
      const again = (await (await fetch(`${c.url}/api/customers/suggestions`, { headers: c.staff })).json()) as { suggestions: any[] }
      assert.equal(again.suggestions.some((x) => x.suggestion_id === suggestion.suggestion_id), false, 'a merged suggestion is no longer pending')
      const twice = await fetch(`${c.url}/api/customers/merge`, { method: 'POST', headers: { ...agent, 'content-type': 'application/json' }, body: JSON.stringify({ survivor: hal!.customer_id, merged: halPhone!.customer_id }) })
      assert.equal(twice.status, 409)
      assert.match(((await twice.json()) as { message: string }).message, /^merged: already merged/)
    })

    if (mode === 'kafka') {
      it('puts Confluent-framed Avro on the wire whose schema id resolves in the registry', async () => {
        const kafka = new Kafka({ clientId: 'wire-check', brokers: stack.kafkaBrokers!.split(','), logLevel: logLevel.NOTHING })
        const consumer = kafka.consumer({ groupId: uniqueName('wire') })
        await consumer.connect()
        await consumer.subscribe({ topic: `${c.prefix}${Topics.ticketsIncoming}`, fromBeginning: true })
        const first = await new Promise<Buffer>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!) }))
        await consumer.disconnect()
        assert.equal(first[0], 0, 'magic byte')
        const id = first.readUInt32BE(1)
        const res = await fetch(`${stack.registryUrl}/schemas/ids/${id}`)
        assert.equal(res.status, 200)
        assert.equal(JSON.parse(((await res.json()) as { schema: string }).schema).name, 'InboundMessage')
      })
    }

    if (mode === 'embedded') {
      it('answers bad input with 4xx naming the field at fault', async () => {
        const bad = await post(`${c.url}/support/submit`, { name: '', email: 'nope', category: 'weather', message: 'short' })
        assert.equal(bad.status, 422)
        const body = (await bad.json()) as { fields: { field: string; message: string }[] }
        assert.deepEqual(body.fields.map((f) => f.field).sort(), ['category', 'email', 'message', 'name', 'subject'])
        const malformed = await post(`${c.url}/support/submit`, null, '{"name": ')
        assert.equal(malformed.status, 400)
        assert.match(((await malformed.json()) as { message: string }).message, /not valid JSON/)
        const missing = await fetch(`${c.url}/support/ticket/TKT-0000000000000000-00000000`)
        assert.equal(missing.status, 404)
        const form = await fetch(`${c.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' })
        assert.equal(form.status, 415)
        const lookup = await fetch(`${c.url}/customers/lookup?email=not-an-email`, { headers: c.staff })
        assert.equal(lookup.status, 422)
        assert.equal((await fetch(`${c.url}/customers/lookup?email=ada@example.com`)).status, 401, 'no credential, from loopback too')
        const health = await fetch(`${c.url}/health`)
        assert.equal(health.status, 200)
      })
    }
  })
}

journey('embedded', undefined, async () => ({ env: { FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-journey-')) }, cleanup: async () => undefined }))

journey('kafka', noStack, async () => {
  const db = await freshDatabase()
  return {
    env: { KAFKA_BROKERS: stack.kafkaBrokers!, SCHEMA_REGISTRY_URL: stack.registryUrl!, DATABASE_URL: db.url },
    cleanup: () => db.drop(),
  }
})
