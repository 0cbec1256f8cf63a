/**
 * The messages projection folds a batch's writes into a few statements. On the stack's Postgres,
 * the same events in many orders are applied one at a time, each by itself, to one database and
 * in batches (the whole lot, and random cuts) to another: every row of messages and
 * message_deliveries must come out the same.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../../platform/db.js'
import { applyBatch } from '../../platform/projection.js'
import { REPLY_ID_HEADER } from '../../platform/replyEvent.js'
import { Topics, outboundTopic, type Channel, type InboundMessage, type ReplyStatusChanged } from '../../schemas/index.js'
import { noStack } from '../../testing/stack.js'
import { applyBothWays, bothWaysDatabases, delivered, shuffled, type Event } from '../../testing/projectionBatches.js'
import { messagesProjection } from './messagesProjection.js'

const T0 = Date.parse('2026-12-01T09:00:00Z')
const customer = (n: number) => `00000000-0000-4000-8000-00000000000${n}`
const conversation = (n: number) => `00000000-0000-4000-9000-00000000000${n}`

interface Flavour {
  /** The decision places the message in another conversation than the identification did: the later placement wins. */
  replaced?: boolean
  /** The reply is dead-lettered, then sent again on replay. */
  deadLettered?: boolean
  /** A person replies too. */
  staffReply?: boolean
}

/** One message's life: arrival, identification, decision, reply and its delivery states. */
function ticketEvents(n: number, channel: Channel, flavour: Flavour = {}): Event[] {
  const ticket_id = `TKT-msg-${n}`
  const at = (s: number) => T0 + n * 60_000 + s * 1000
  const id = (what: string) => `${what}-${n}`
  const inbound: InboundMessage = {
    event_id: id('in'), occurred_at: at(0), channel, channel_message_id: id('msg'), ticket_id: channel === 'web_form' ? ticket_id : null,
    sender: { name: 'Fold', email: channel === 'whatsapp' ? null : `Fold${n}@Example.com`, phone: channel === 'whatsapp' ? `+1415555010${n}` : null, verified: channel !== 'web_form' },
    subject: `Subject ${n}`, category: null, priority: null, content: `Message ${n}: it does not sync`, thread_id: channel === 'email' ? id('thread') : null,
  }
  const context = { ticket_id, conversation_id: conversation(n), customer_id: customer(n), inbound }
  const reply = (rid: string, s: number, author: string | null): Event => ({
    topic: outboundTopic[channel],
    value: {
      event_id: id(`out-${rid}`), occurred_at: at(s), reply_id: id(rid), ticket_id, conversation_id: conversation(n), customer_id: customer(n), channel,
      recipient: 'someone', subject: null, content: `Reply ${rid} to ${n}`, in_reply_to: null, thread_id: null, inbound_occurred_at: at(0), recipient_email: null, author,
    },
  })
  const status = (rid: string, st: ReplyStatusChanged['status'], s: number, pid: string | null = null): Event => ({
    topic: Topics.replyStatus,
    value: { event_id: id(`status-${rid}-${st}-${s}`), occurred_at: at(s), reply_id: id(rid), ticket_id, channel, status: st, provider_message_id: pid, error: st === 'failed' ? 'refused' : null },
  })
  const events: Event[] = [
    // Every channel's message arrives on one topic; only the web form's names its ticket.
    { topic: Topics.ticketsIncoming, value: inbound },
    { topic: Topics.customersIdentified, value: {
      event_id: id('idf'), occurred_at: at(1), context, is_new_customer: true, is_new_ticket: true, customer_name: 'Fold', identifiers: [],
      merged_customer_ids: [], continued: false, verified_identifiers: [],
    } },
    { topic: Topics.agentDecisions, value: {
      event_id: id('decision'), occurred_at: at(2), context: flavour.replaced ? { ...context, conversation_id: conversation(9) } : context,
      action: 'reply', reply_text: 'Try this', sentiment: 0.4 + n / 10, category: 'technical', priority: 'medium', reason: null, cited_article_ids: [],
    } },
    reply('r', 3, null),
    status('r', channel === 'web_form' ? 'recorded' : 'sent', 4, `prov-${n}`),
  ]
  if (channel !== 'web_form') events.push(status('r', 'delivered', 5), status('r', 'read', 6))
  if (flavour.deadLettered) {
    events.push(
      { topic: Topics.dlq, value: {
        event_id: id('dead'), occurred_at: at(7), source_topic: outboundTopic[channel], source_partition: 0, source_offset: '12', group_id: 'fte.dispatch',
        key: ticket_id, error: 'provider refused the send', attempts: 5, original_value: Buffer.from('x'), original_headers: { [REPLY_ID_HEADER]: id('r') },
      } },
      status('r', 'sent', 8, `prov-${n}-again`),
    )
  }
  if (flavour.staffReply) events.push(reply('staff', 9, 'maria@example.com'), status('staff', 'sent', 10))
  return events
}

const EVENTS = [
  ...ticketEvents(1, 'web_form', { staffReply: true }),
  ...ticketEvents(2, 'email', { replaced: true, deadLettered: true }),
  ...ticketEvents(3, 'whatsapp', { deadLettered: true }),
  ...ticketEvents(4, 'email'),
  // Customer 3 turns out to be customer 1: their messages point at 1, merged before or after.
  { topic: Topics.customersMerged, value: {
    event_id: 'merge-3-into-1', occurred_at: T0 + 10 * 60_000, survivor_id: customer(1), merged_ids: [customer(3)], identifiers: [], reason: 'same person', merged_by: null,
  } },
] satisfies Event[]

const rowsOf = async (db: Db) => ({
  messages: (await db.query('SELECT * FROM messages ORDER BY id')).rows,
  deliveries: (await db.query('SELECT * FROM message_deliveries ORDER BY message_id')).rows,
})

describe('the messages projection, one event at a time and a batch at a time', { skip: noStack }, () => {
  const { dbs, reset } = bothWaysDatabases(messagesProjection, ['customer_merges'])

  it('folds a batch into the rows the events make one by one, in any order', async () => {
    for (let seed = 1; seed <= 16; seed++) {
      const order = shuffled(EVENTS, seed)
      await reset()
      await applyBothWays(messagesProjection, order, seed, dbs.single, dbs.batched)
      const [a, b] = [await rowsOf(dbs.single), await rowsOf(dbs.batched)]
      assert.equal(a.messages.length, 9, `seed ${seed}: four customer messages and five replies`)
      assert.equal(a.deliveries.length, 5, `seed ${seed}: a delivery state per reply`)
      assert.deepEqual(b, a, `seed ${seed}: the batched rows differ from the one-by-one rows`)
    }
  })

  it('keeps what the events say: placement, sentiment, the survivor, delivery by rank and after a failure', async () => {
    // In the order they happened: which state a reply ends in depends on it.
    await reset()
    await applyBothWays(messagesProjection, EVENTS, 0, dbs.single, dbs.batched)
    const { messages, deliveries } = await rowsOf(dbs.single)
    assert.deepEqual(await rowsOf(dbs.batched), { messages, deliveries }, 'the batched rows differ from the one-by-one rows')
    const message = (id: string) => messages.find((m) => m.id === id) as Record<string, any>
    const state = (id: string) => (deliveries.find((d) => d.message_id === id) as Record<string, any>).status
    assert.equal(message('in-1').customer_id, customer(1))
    assert.equal(message('in-1').sentiment, 0.5, 'the decision\'s sentiment, whichever placement came last')
    assert.equal(message('in-1').sender_email, 'fold1@example.com', 'the sender as identity reads it')
    assert.equal(message('in-3').customer_id, customer(1), 'the merged customer\'s message points at the survivor')
    assert.equal(message('r-3').customer_id, customer(1), 'so does the reply to it')
    assert.equal(message('in-4').sender_verified, true)
    assert.equal(message('staff-1').role, 'human')
    assert.equal(state('r-4'), 'read', 'a state only moves forward')
    assert.equal(state('r-2'), 'sent', 'a reply sent again after its dead letter shows it was sent')
    assert.equal(state('r-1'), 'recorded')
  })

  it('applies a redelivered batch once', async () => {
    const before = await rowsOf(dbs.batched)
    await applyBatch(dbs.batched, messagesProjection, EVENTS.map((e, i) => delivered(e, i)))
    assert.deepEqual(await rowsOf(dbs.batched), before)
  })
})
