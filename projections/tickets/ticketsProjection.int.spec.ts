/**
 * The tickets projection folds a batch's status moves into one statement. On the stack's
 * Postgres, the same events in many orders are applied one at a time, each by itself, to one
 * database and in batches (the whole lot, and random cuts) to another: every row of tickets,
 * escalations and ticket_notes must come out the same.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../../platform/db.js'
import { applyBatch } from '../../platform/projection.js'
import { Topics, type Channel, type InboundMessage } from '../../schemas/index.js'
import { noStack } from '../../testing/stack.js'
import { applyBothWays, bothWaysDatabases, delivered, shuffled, type Event } from '../../testing/projectionBatches.js'
import { ticketsProjection } from './ticketsProjection.js'

const T0 = Date.parse('2026-12-01T09:00:00Z')
const customer = (n: number) => `00000000-0000-4000-8000-00000000000${n}`
const conversation = (n: number) => `00000000-0000-4000-9000-00000000000${n}`

/** One ticket's life: received, identified, processed, answered or escalated, and worked by a person. */
function ticketEvents(n: number, channel: Channel, escalated: boolean): Event[] {
  const ticket_id = `TKT-fold-${n}`
  const at = (s: number) => T0 + n * 60_000 + s * 1000
  const id = (what: string) => `${what}-${n}`
  const inbound: InboundMessage = {
    event_id: id('in'), occurred_at: at(0), channel, channel_message_id: id('msg'), ticket_id: channel === 'web_form' ? ticket_id : null,
    sender: { name: 'Fold', email: `fold${n}@example.com`, phone: null, verified: channel !== 'web_form' }, subject: `Subject ${n}`,
    category: channel === 'web_form' ? 'technical' : null, priority: channel === 'web_form' ? 'high' : null, content: 'It does not sync', thread_id: null,
  }
  const context = { ticket_id, conversation_id: conversation(n), customer_id: customer(n), inbound }
  const lifecycle = (status: 'processing' | 'escalated' | 'responded', s: number, reason: string | null = null): Event => ({
    topic: Topics.ticketLifecycle,
    value: { event_id: id(`life-${status}`), occurred_at: at(s), ticket_id, conversation_id: conversation(n), customer_id: customer(n), channel, status, reason },
  })
  const staff = (action: 'assigned' | 'note_added' | 'replied' | 'resolved' | 'reopened', s: number, extra: Record<string, unknown> = {}): Event => ({
    topic: Topics.staffActions,
    value: {
      event_id: id(`staff-${action}`), occurred_at: at(s), action, ticket_id, staff_email: 'maria@example.com', staff_name: 'Maria Lopez',
      assignee: null, note: null, reply_id: null, reusable_answer_title: null, reusable_answer_body: null, seen_through: null, ...extra,
    },
  })
  const events: Event[] = [
    { topic: Topics.customersIdentified, value: {
      event_id: id('idf'), occurred_at: at(1), context, is_new_customer: true, is_new_ticket: true, customer_name: 'Fold', identifiers: [],
      merged_customer_ids: [], continued: false, verified_identifiers: [],
    } },
    lifecycle('processing', 2),
    { topic: Topics.replyStatus, value: { event_id: id('reply'), occurred_at: at(4), reply_id: id('r'), ticket_id, channel, status: 'sent', provider_message_id: null, error: null } },
  ]
  if (channel === 'web_form') events.push({ topic: Topics.ticketsIncoming, value: inbound })
  if (escalated) {
    events.push(
      lifecycle('escalated', 3, 'negative_sentiment'),
      { topic: Topics.escalations, value: {
        event_id: id('esc'), occurred_at: at(3), context, reason: 'negative_sentiment', priority: 'high', sentiment: -0.8, category: 'technical',
        summary: 'Upset about sync', knowledge_considered: [],
      } },
      staff('assigned', 10, { assignee: 'maria@example.com' }),
      staff('note_added', 11, { note: 'Called them back' }),
      staff('replied', 12),
      staff('resolved', 13, { seen_through: at(0) }),
    )
  } else {
    events.push(lifecycle('responded', 5))
  }
  return events
}

const EVENTS = [ticketEvents(1, 'web_form', false), ticketEvents(2, 'web_form', true), ticketEvents(3, 'email', true), ticketEvents(4, 'whatsapp', false)].flat()

const rowsOf = async (db: Db) => ({
  tickets: (await db.query('SELECT * FROM tickets ORDER BY id')).rows,
  escalations: (await db.query('SELECT * FROM escalations ORDER BY ticket_id')).rows,
  notes: (await db.query('SELECT * FROM ticket_notes ORDER BY id')).rows,
})

describe('the tickets projection, one event at a time and a batch at a time', { skip: noStack }, () => {
  const { dbs, reset } = bothWaysDatabases(ticketsProjection)

  it('folds a batch into the rows the events make one by one, in any order', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const order = shuffled(EVENTS, seed)
      await reset()
      await applyBothWays(ticketsProjection, order, seed, dbs.single, dbs.batched)
      const [a, b] = [await rowsOf(dbs.single), await rowsOf(dbs.batched)]
      assert.equal(a.tickets.length, 4, `seed ${seed}: four tickets`)
      assert.deepEqual(b, a, `seed ${seed}: the batched rows differ from the one-by-one rows`)
    }
  })

  it('keeps what the events say: status by rank and staff action, the message\'s subject and time, the latest update', async () => {
    const t = (await dbs.single.query<Record<string, any>>("SELECT * FROM tickets WHERE id IN ('TKT-fold-1', 'TKT-fold-2') ORDER BY id")).rows
    const [answered, worked] = [t[0]!, t[1]!]
    assert.equal(answered.status, 'responded')
    assert.equal(answered.subject, 'Subject 1')
    assert.equal(answered.priority, 'high')
    assert.equal(new Date(answered.created_at).getTime(), T0 + 60_000, 'created when the customer wrote')
    assert.equal(new Date(answered.last_inbound_at).getTime(), T0 + 60_000)
    assert.equal(new Date(answered.updated_at).getTime(), T0 + 60_000 + 5000, 'updated at the latest event')
    assert.equal(worked.status, 'resolved', 'a resolve sets the status outright')
    assert.equal(worked.escalation_reason, 'negative_sentiment')
    assert.equal(worked.assignee, 'maria@example.com')
    assert.equal(worked.customer_id, customer(2))
  })

  it('applies a redelivered batch once', async () => {
    const before = await rowsOf(dbs.batched)
    await applyBatch(dbs.batched, ticketsProjection, EVENTS.map((e, i) => delivered(e, i)))
    assert.deepEqual(await rowsOf(dbs.batched), before)
  })
})
