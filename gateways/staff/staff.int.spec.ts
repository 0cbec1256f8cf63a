/**
 * Staff on the real embedded stack: credentials on every staff route, the queue and a ticket's
 * whole history, replies that go out on the customer's channel as a person's, the agent standing
 * back while a person owns the ticket, notes, assignment, resolve and reopen.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { startSeeded } from '../../testing/seeded.js'
import { eventually, testConfig, testLog, uniqueName } from '../../testing/stack.js'
import { staffMember } from '../../testing/staff.js'
import { applyOnce } from '../../platform/projection.js'
import type { DeliveredEvent } from '../../platform/transport/contract.js'
import { ticketsProjection } from '../../projections/tickets/ticketsProjection.js'

type Json = Record<string, any>

describe('staff', () => {
  let rt: Runtime
  let app: Running
  let agent: Awaited<ReturnType<typeof staffMember>>
  let other: Awaited<ReturnType<typeof staffMember>>
  let analyst: Awaited<ReturnType<typeof staffMember>>
  before(async () => {
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-staff-')) }), testLog())
    app = await startSeeded(rt)
    agent = await staffMember(rt.db, 'agent', 'Maria Lopez')
    other = await staffMember(rt.db, 'agent', 'Kim Tan')
    analyst = await staffMember(rt.db, 'analyst', 'Ana Lyst')
  })
  after(async () => {
    await app?.close()
    await rt?.close()
  })

  const api = async (p: string, opts: { as?: { headers: Record<string, string> }; body?: unknown } = {}) => {
    const res = await fetch(`${app.url}${p}`, {
      method: opts.body === undefined ? 'GET' : 'POST',
      headers: { ...(opts.as?.headers ?? {}), ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    })
    return { status: res.status, body: (await res.json()) as Json }
  }
  const whatsapp = async (phone: string, content: string) => {
    const inbound: InboundMessage = {
      event_id: uniqueName('wa'), occurred_at: Date.now(), channel: 'whatsapp', channel_message_id: uniqueName('SM'), ticket_id: null,
      sender: { name: 'Wen Li', email: null, phone, verified: true }, subject: null, category: null, priority: null, content, thread_id: null,
    }
    await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: phone, value: inbound }])
    return inbound
  }
  const staffView = (id: string) => api(`/api/tickets/${id}`, { as: agent }).then((r) => r.body)
  const escalatedTicketOf = async (phone: string) =>
    eventually(async () => ((await api('/api/tickets', { as: agent })).body.tickets as Json[]).find((t) => t.ticket_id === phoneTickets.get(phone) && t.status === 'escalated'), {
      what: `the escalated ticket of ${phone}`,
    })
  const phoneTickets = new Map<string, string>()
  const ticketOfPhone = async (phone: string) => {
    const found = await eventually(async () => {
      const r = await api(`/customers/lookup?phone=${encodeURIComponent(phone)}`, { as: analyst })
      return r.status === 200 ? (r.body.conversations[0]?.tickets[0]?.ticket_id as string | undefined) : undefined
    }, { what: `a ticket for ${phone}` })
    phoneTickets.set(phone, found)
    return found
  }

  it('asks for a staff credential on every staff route, from loopback too, and checks the role', async () => {
    for (const p of ['/customers/lookup?email=a@example.com', '/api/tickets', '/api/tickets/TKT-1', '/api/me', '/conversations/00000000-0000-0000-0000-000000000000']) {
      const none = await fetch(`${app.url}${p}`)
      assert.equal(none.status, 401, p)
      assert.equal(none.headers.get('www-authenticate'), 'Bearer')
      const bad = await fetch(`${app.url}${p}`, { headers: { authorization: 'Bearer fte_not-a-real-token' } })
      assert.equal(bad.status, 401, p)
    }
    assert.equal((await api('/api/me', { as: analyst })).body.role, 'analyst')
    // Prometheus numbers are not for the public port: they have a port of their own.
    assert.equal((await fetch(`${app.url}/metrics`)).status, 404)
    const metrics = await fetch(`${app.metricsUrl}/metrics`)
    assert.equal(metrics.status, 200)
    assert.match(await metrics.text(), /^# HELP fte_/m)
    const denied = await api('/api/tickets/TKT-1/notes', { as: analyst, body: { note: 'hello' } })
    assert.equal(denied.status, 403, 'an analyst reads only')
    const stored = (await rt.db.query<{ token_hash: string }>('SELECT token_hash FROM staff WHERE email = $1', [agent.email])).rows[0]!.token_hash
    assert.ok(!stored.includes(agent.token.slice(4)) && stored.length === 64, 'only a hash of the token is kept')
  })

  it('queues an escalated ticket with its reason; the customer never sees the reason', async () => {
    const phone = '+14155550170'
    await whatsapp(phone, 'I was charged twice and I want a refund')
    const id = await ticketOfPhone(phone)
    const queued = await escalatedTicketOf(phone)
    assert.equal(queued.escalation.reason, 'refund')
    assert.equal(queued.priority, 'high')
    assert.equal(queued.customer.name, 'Wen Li')
    const view = await staffView(id)
    assert.equal(view.escalation.reason, 'refund')
    assert.ok(view.history.some((m: Json) => m.role === 'customer' && /refund/.test(m.content) && m.channel === 'whatsapp'))
    const publicView = (await (await fetch(`${app.url}/support/ticket/${id}`)).json()) as Json
    assert.deepEqual(Object.keys(publicView.escalation), ['raised_at'], 'no internal reason on the public page')
    assert.doesNotMatch(JSON.stringify(publicView), /"reason"|"refund"|"priority":"high"/)
  })

  it('stands back while a person owns the ticket: the follow-up lands there as unread and gets no AI reply', async () => {
    const phone = '+14155550171'
    await whatsapp(phone, 'I want my money back for last month')
    const id = await ticketOfPhone(phone)
    await escalatedTicketOf(phone)
    await eventually(async () => (await staffView(id)).history.filter((m: Json) => m.direction === 'outbound').length === 1, { what: 'the acknowledgement' })
    const followUp = await whatsapp(phone, 'Hello? How do I reset my password in the meantime?')
    const queued = await eventually(async () => {
      const t = ((await api('/api/tickets', { as: agent })).body.tickets as Json[]).find((x) => x.ticket_id === id)
      return t?.unread === 1 ? t : null
    }, { what: 'the follow-up counted as unread' })
    assert.equal(queued.unread, 1)
    // The decision for the follow-up is recorded (its sentiment), and nothing more is sent.
    await eventually(async () => (await rt.db.query(`SELECT 1 FROM messages WHERE id = $1 AND sentiment IS NOT NULL`, [followUp.event_id])).rows.length === 1, { what: 'the follow-up decided' })
    await new Promise((r) => setTimeout(r, 500))
    const view = await staffView(id)
    assert.equal(view.history.filter((m: Json) => m.direction === 'outbound').length, 1, 'only the first acknowledgement, no answer to the follow-up')
  })

  it('sends a person\'s reply on the customer\'s channel, signed and shown as theirs; two people replying at once both go out', async () => {
    const phone = '+14155550172'
    await whatsapp(phone, 'Please let me speak to a human about my account')
    const id = await ticketOfPhone(phone)
    await escalatedTicketOf(phone)
    const [a, b] = await Promise.all([
      api(`/api/tickets/${id}/reply`, { as: agent, body: { message: 'Hi Wen, Maria here. I have refunded the double charge.' } }),
      api(`/api/tickets/${id}/reply`, { as: other, body: { message: 'Hi Wen, Kim here: you should see it in 3-5 days.' } }),
    ])
    assert.equal(a.status, 202)
    assert.equal(b.status, 202)
    assert.notEqual(a.body.reply_id, b.body.reply_id)
    const view = await eventually(async () => {
      const v = await staffView(id)
      const human = v.history.filter((m: Json) => m.role === 'human')
      return human.length === 2 && human.every((m: Json) => m.delivery_status === 'recorded') ? v : null
    }, { what: 'both replies recorded by the offline WhatsApp channel' })
    const conversationId = (await api(`/customers/lookup?phone=${encodeURIComponent(phone)}`, { as: analyst })).body.conversations[0].conversation_id
    const conversation = await api(`/conversations/${conversationId}`, { as: analyst })
    assert.equal(conversation.status, 200)
    assert.ok(conversation.body.messages.length >= 3 && conversation.body.messages.every((m: Json) => m.channel === 'whatsapp'), 'the channel on every message')
    assert.equal((await api('/conversations/00000000-0000-0000-0000-000000000000', { as: analyst })).status, 404)
    const authors = view.history.filter((m: Json) => m.role === 'human').map((m: Json) => m.author).sort()
    assert.deepEqual(authors, ['Kim Tan', 'Maria Lopez'])
    assert.equal(view.human_owned, true)
    const publicView = (await (await fetch(`${app.url}/support/ticket/${id}`)).json()) as Json
    assert.equal(publicView.messages.filter((m: Json) => m.role === 'human').length, 2)
    const sends = (await rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbound_sends WHERE reply_id = ANY($1)`, [[a.body.reply_id, b.body.reply_id]])).rows[0]!.n
    assert.equal(sends, 2, 'each went through dispatch once')
  })

  it('assigns, keeps private notes, resolves, and the next message opens a new ticket; reopen gives it back to a person', async () => {
    const phone = '+14155550173'
    await whatsapp(phone, 'My lawyer will be in touch about the invoice')
    const id = await ticketOfPhone(phone)
    await escalatedTicketOf(phone)
    const bad = await api(`/api/tickets/${id}/assign`, { as: agent, body: { email: 'stranger@example.com' } })
    assert.equal(bad.status, 422)
    assert.equal(bad.body.details[0].field, 'email')
    assert.equal((await api(`/api/tickets/${id}/notes`, { as: agent, body: {} })).body.fields[0].field, 'note')
    assert.equal((await api(`/api/tickets/${id}/assign`, { as: agent, body: { email: other.email } })).status, 202)
    assert.equal((await api(`/api/tickets/${id}/notes`, { as: agent, body: { note: 'Legal asked to be copied.' } })).status, 202)
    await eventually(async () => {
      const v = await staffView(id)
      return v.assignee === other.email && v.notes.length === 1 ? v : null
    }, { what: 'assignee and note' })
    const mine = (await api(`/api/tickets?assignee=${encodeURIComponent(other.email)}`, { as: agent })).body.tickets as Json[]
    assert.deepEqual(mine.map((t) => t.ticket_id), [id])
    assert.equal((await api('/api/tickets?status=nope', { as: agent })).body.fields[0].field, 'status')
    const publicView = (await (await fetch(`${app.url}/support/ticket/${id}`)).json()) as Json
    assert.doesNotMatch(JSON.stringify(publicView), /Legal asked/, 'notes are private')

    assert.equal((await api(`/api/tickets/${id}/resolve`, { as: other, body: { note: 'Sent to legal.' } })).status, 202)
    await eventually(async () => (await staffView(id)).status === 'resolved', { what: 'resolved' })
    assert.equal((await api(`/api/tickets/${id}/resolve`, { as: other, body: {} })).status, 409)
    await whatsapp(phone, 'One more question: how do I export my project to CSV?')
    const next = await eventually(async () => {
      const r = await api(`/customers/lookup?phone=${encodeURIComponent(phone)}`, { as: analyst })
      const ids = (r.body.conversations as Json[]).flatMap((c) => (c.tickets as Json[]).map((t) => t.ticket_id as string))
      return ids.find((t) => t !== id)
    }, { what: 'a new ticket after resolve' })
    assert.notEqual(next, id)
    assert.equal((await api(`/api/tickets/${id}/reopen`, { as: other, body: {} })).status, 202)
    await eventually(async () => (await staffView(id)).status === 'escalated', { what: 'reopened' })
  })

  it('keeps a follow-up that raced the resolve with the person, never buried under "resolved"', async () => {
    for (const phone of ['+14155550181', '+14155550182', '+14155550183']) {
      await whatsapp(phone, 'I want a refund for last month, this is unacceptable')
      const id = await ticketOfPhone(phone)
      await escalatedTicketOf(phone)
      // What the person was looking at when they pressed resolve: the newest customer message then.
      const seen = ((await staffView(id)).history as Json[]).filter((m) => m.direction === 'inbound').at(-1)!.created_at as string
      // The resolve and the customer's follow-up leave together; either may be handled first.
      const [resolved, followUp] = await Promise.all([
        api(`/api/tickets/${id}/resolve`, { as: agent, body: { note: 'Refund issued.', seen_through: seen } }),
        whatsapp(phone, 'Actually, one more thing about that refund'),
      ])
      assert.equal(resolved.status, 202)
      const landed = await eventually(async () => (await rt.db.query<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE id = $1 AND customer_id IS NOT NULL', [followUp.event_id])).rows[0], {
        what: 'the follow-up placed',
      })
      // Wait for the resolve too, then judge: a follow-up on the old ticket must have kept it open.
      await eventually(async () => ((await rt.db.query('SELECT 1 FROM ticket_notes WHERE ticket_id = $1', [id])).rows.length ? true : null), { what: 'the resolve projected' })
      const old = await staffView(id)
      if (landed.ticket_id === id) assert.equal(old.status, 'escalated', `${phone}: the follow-up on ${id} reopened it`)
      else assert.equal(old.status, 'resolved', `${phone}: the follow-up opened ${landed.ticket_id}; ${id} stays resolved`)
    }
  })

  it('applies a resolve and a follow-up it did not see in either order to the same outcome', async () => {
    const at = Date.now()
    const deliver = (e: Pick<DeliveredEvent, 'topic' | 'value'>) => applyOnce(rt.db, ticketsProjection, { partition: 0, offset: '0', key: null, headers: {}, ...e } as DeliveredEvent)
    const ticket = async (n: string) => {
      const ticketId = `TKT-order-${n}`
      const identified = (eventId: string, occurred: number, isNew: boolean): Pick<DeliveredEvent, 'topic' | 'value'> => ({
        topic: Topics.customersIdentified,
        value: {
          event_id: uniqueName('idf'), occurred_at: occurred,
          context: {
            ticket_id: ticketId, conversation_id: '00000000-0000-4000-8000-000000000001', customer_id: '00000000-0000-4000-8000-000000000002',
            inbound: {
              event_id: eventId, occurred_at: occurred, channel: 'whatsapp', channel_message_id: eventId, ticket_id: null,
              sender: { name: 'Ord', email: null, phone: '+14155550190', verified: true }, subject: null, category: null, priority: null, content: 'hi', thread_id: null,
            },
          },
          is_new_customer: false, is_new_ticket: isNew, customer_name: 'Ord', identifiers: [], merged_customer_ids: [], continued: !isNew, verified_identifiers: [],
        },
      })
      const resolve = (seenThrough: number): Pick<DeliveredEvent, 'topic' | 'value'> => ({
        topic: Topics.staffActions,
        value: {
          event_id: uniqueName('act'), occurred_at: at + 2_000, action: 'resolved', ticket_id: ticketId, staff_email: agent.email, staff_name: 'Maria Lopez',
          assignee: null, note: null, reply_id: null, reusable_answer_title: null, reusable_answer_body: null, seen_through: seenThrough,
        },
      })
      await deliver(identified(uniqueName('first'), at, true))
      return { ticketId, followUp: identified(uniqueName('follow'), at + 1_000, false), resolve }
    }
    const statusOf = async (id: string) => (await rt.db.query<{ status: string }>('SELECT status FROM tickets WHERE id = $1', [id])).rows[0]!.status

    const a = await ticket('a') // the follow-up projected first, the resolve had not seen it
    await deliver(a.followUp)
    await deliver(a.resolve(at))
    assert.equal(await statusOf(a.ticketId), 'escalated')
    const b = await ticket('b') // the resolve projected first, the follow-up after it
    await deliver(b.resolve(at))
    assert.equal(await statusOf(b.ticketId), 'resolved')
    await deliver(b.followUp)
    assert.equal(await statusOf(b.ticketId), 'escalated')
    const c = await ticket('c') // control: a resolve that had seen the follow-up resolves
    await deliver(c.followUp)
    await deliver(c.resolve(at + 1_000))
    assert.equal(await statusOf(c.ticketId), 'resolved')
  })

  it('fte staff add|list|token|remove manage accounts; a token is shown once and a rotated one stops working', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fte-staff-cli-'))
    const fte = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.resolve('bin/fte.ts'), 'staff', ...args], { env: { ...process.env, FTE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' })
    const added = fte('add', 'Lee@Example.com', '--name', 'Lee Park', '--role', 'admin')
    assert.equal(added.status, 0, added.stderr)
    const token = /^token: (fte_\S+)$/m.exec(added.stdout)?.[1]
    assert.ok(token, added.stdout)
    assert.match(fte('list').stdout, /lee@example\.com {2}admin {2}Lee Park/)
    assert.equal(fte('add', 'lee@example.com', '--name', 'Lee', '--role', 'admin').status, 2, 'a second account for one address is refused')
    assert.equal(fte('add', 'x@example.com', '--name', 'X', '--role', 'owner').status, 2)
    const rotated = /^token: (fte_\S+)$/m.exec(fte('token', 'lee@example.com').stdout)?.[1]
    assert.ok(rotated && rotated !== token)
    assert.match(fte('remove', 'lee@example.com').stdout, /removed/)
    assert.match(fte('list').stdout, /no staff members/)
  })
})
