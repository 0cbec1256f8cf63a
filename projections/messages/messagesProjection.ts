import {
  Topics, type InboundMessage, type ReplyRequested, type ReplyStatusChanged, type TicketContext,
} from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { defineProjection, flushingFirst, unhandledTopic } from '../../platform/projection.js'
import type { DeliveredEvent } from '../../platform/transport/contract.js'
import { isoAt } from '../../platform/time.js'
import { REPLY_ID_HEADER } from '../../platform/replyEvent.js'
import { normalizeEmail, normalizePhone, provenIdentifiers } from '../../platform/identifiers.js'
import { mergeTargets, survivorSql } from '../customers/merges.js'

/** Delivery states only move forward (a late "sent" never hides "delivered"); failures always show. */
export const DELIVERY_RANK: Record<ReplyStatusChanged['status'], number> = {
  queued: 1, recorded: 2, sent: 2, needs_template: 2, delivered: 3, read: 4, undelivered: 5, failed: 5,
}

/** Where a person's reply to this message would go (normalised, as identity reads them). */
const senderOf = (m: InboundMessage) => [
  m.sender.email ? normalizeEmail(m.sender.email) : null,
  m.sender.phone ? normalizePhone(m.sender.phone) : null,
  m.thread_id,
]

/**
 * What an event says of a customer message: it arrived (only the web form knows its ticket on
 * arrival), or identity placed it on a ticket, conversation and customer (the identification or
 * the decision, in either order; `sentiment` only from the decision).
 */
type InboundOp = { arrived: InboundMessage } | { placed: TicketContext; sentiment: number | null }

/** A message's ops in a batch, folded as the statements below would apply them one after another. */
interface InboundWrite {
  /** As the first op carried it: what only an insert writes (content, channel, time). */
  message: InboundMessage
  ticket_id: string
  /** The latest placement, which overwrites where the message is; null if only its arrival was seen. */
  placed: TicketContext | null
  /** The latest the decision gave, or null to keep the one already written. */
  sentiment: number | null
}

function foldInbound(a: InboundWrite | undefined, op: InboundOp): InboundWrite {
  if ('arrived' in op) {
    // An arrival inserts the message or, once it exists, changes nothing.
    return a ?? { message: op.arrived, ticket_id: op.arrived.ticket_id!, placed: null, sentiment: null }
  }
  return {
    message: a?.message ?? op.placed.inbound, ticket_id: op.placed.ticket_id, placed: op.placed, sentiment: op.sentiment ?? a?.sentiment ?? null,
  }
}

/**
 * Writes customer messages, any number in two statements. An arrival inserts the message or does
 * nothing; a placement inserts or overwrites where it is (its survivor customer, once merged) and
 * its sender, keeping the sentiment if it brings none. Identified before a merge this projection
 * has already applied, a message is written with the survivor.
 */
async function writeInbound(tx: Queryable, writes: InboundWrite[]) {
  const arrivals = writes.filter((w) => !w.placed)
  const placements = writes.filter((w) => w.placed)
  const base = (ws: InboundWrite[]) => [ws.map((w) => w.message.event_id), ws.map((w) => w.ticket_id), ws.map((w) => w.message.channel),
    ws.map((w) => w.message.channel_message_id), ws.map((w) => w.message.content), ws.map((w) => isoAt(w.message.occurred_at))]
  const senders = (ws: InboundWrite[]) => {
    const each = ws.map((w) => senderOf(w.placed?.inbound ?? w.message))
    return [0, 1, 2].map((i) => each.map((s) => s[i]))
  }
  if (arrivals.length) {
    await tx.query(
      `INSERT INTO messages (id, ticket_id, direction, role, channel, channel_message_id, content, created_at, sender_email, sender_phone, thread_id)
       SELECT m.id, m.ticket_id, 'inbound', 'customer', m.channel, m.channel_message_id, m.content, m.created_at, m.sender_email, m.sender_phone, m.thread_id
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
              AS m(id, ticket_id, channel, channel_message_id, content, created_at, sender_email, sender_phone, thread_id)
       ON CONFLICT (id) DO NOTHING`,
      [...base(arrivals), ...senders(arrivals)],
    )
  }
  if (placements.length) {
    await tx.query(
      `INSERT INTO messages (id, ticket_id, conversation_id, customer_id, direction, role, channel, channel_message_id, content, created_at, sender_email, sender_phone, thread_id, sender_verified, sentiment)
       SELECT m.id, m.ticket_id, m.conversation_id, ${survivorSql('m.customer_id')}, 'inbound', 'customer', m.channel, m.channel_message_id, m.content, m.created_at,
              m.sender_email, m.sender_phone, m.thread_id, m.sender_verified, m.sentiment
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::uuid[], $12::boolean[], $13::float8[])
              AS m(id, ticket_id, channel, channel_message_id, content, created_at, sender_email, sender_phone, thread_id, conversation_id, customer_id, sender_verified, sentiment)
       ON CONFLICT (id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, customer_id = EXCLUDED.customer_id, ticket_id = EXCLUDED.ticket_id,
         sender_email = EXCLUDED.sender_email, sender_phone = EXCLUDED.sender_phone, thread_id = EXCLUDED.thread_id, sender_verified = EXCLUDED.sender_verified,
         sentiment = COALESCE(EXCLUDED.sentiment, messages.sentiment)`,
      [...base(placements), ...senders(placements), placements.map((w) => w.placed!.conversation_id), placements.map((w) => w.placed!.customer_id),
        placements.map((w) => provenIdentifiers(w.placed!.inbound).length > 0), placements.map((w) => w.sentiment)],
    )
  }
}

/** Replies (the agent's or a person's), any number in one statement; a reply already written stays as it is. */
async function writeReplies(tx: Queryable, replies: ReplyRequested[]) {
  if (!replies.length) return
  const col = (f: (r: ReplyRequested) => unknown) => replies.map(f)
  await tx.query(
    `INSERT INTO messages (id, ticket_id, conversation_id, customer_id, direction, role, author, channel, content, created_at)
     SELECT r.id, r.ticket_id, r.conversation_id, ${survivorSql('r.customer_id')}, 'outbound', r.role, r.author, r.channel, r.content, r.created_at
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
            AS r(id, ticket_id, conversation_id, customer_id, role, author, channel, content, created_at)
     ON CONFLICT (id) DO NOTHING`,
    [col((r) => r.reply_id), col((r) => r.ticket_id), col((r) => r.conversation_id), col((r) => r.customer_id), col((r) => (r.author ? 'human' : 'agent')),
      col((r) => r.author), col((r) => r.channel), col((r) => r.content), col((r) => isoAt(r.occurred_at))],
  )
}

/** A reply's delivery state as an event reports it. */
interface DeliveryOp { message_id: string; status: ReplyStatusChanged['status']; provider_message_id: string | null; error: string | null; at: number }

/**
 * Delivery states, any number of replies in one statement (each reply at most once in it: the
 * outcome of one depends on the state before it). A state replaces the one written when it ranks
 * at least as high, or when it comes after a failure (a reply sent again after a dead letter).
 */
async function writeDeliveries(tx: Queryable, ops: DeliveryOp[]) {
  if (!ops.length) return
  const col = (f: (d: DeliveryOp) => unknown) => ops.map(f)
  await tx.query(
    `INSERT INTO message_deliveries (message_id, status, status_rank, provider_message_id, error, updated_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[])
     ON CONFLICT (message_id) DO UPDATE SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank,
       provider_message_id = COALESCE(EXCLUDED.provider_message_id, message_deliveries.provider_message_id),
       error = EXCLUDED.error, updated_at = EXCLUDED.updated_at
     WHERE EXCLUDED.status_rank >= message_deliveries.status_rank
        -- a reply sent again after a failure (a replayed dead letter) shows its new state
        OR (message_deliveries.status = 'failed' AND EXCLUDED.updated_at > message_deliveries.updated_at)`,
    [col((d) => d.message_id), col((d) => d.status), col((d) => DELIVERY_RANK[d.status]), col((d) => d.provider_message_id), col((d) => d.error), col((d) => isoAt(d.at))],
  )
}

/**
 * Where the projection puts its writes: one event by itself writes at once (`writeNow`); a batch's
 * writer keeps them, folded, until the batch ends or another statement is about to run.
 */
interface Writes { inbound(op: InboundOp): Promise<void>; reply(r: ReplyRequested): Promise<void>; delivery(d: DeliveryOp): Promise<void> }
const writeNow = (tx: Queryable): Writes => ({
  inbound: (op) => writeInbound(tx, [foldInbound(undefined, op)]),
  reply: (r) => writeReplies(tx, [r]),
  delivery: (d) => writeDeliveries(tx, [d]),
})

const TOPICS = [Topics.ticketsIncoming, Topics.customersIdentified, Topics.customersMerged, Topics.agentDecisions, Topics.webformOutbound, Topics.emailOutbound,
  Topics.whatsappOutbound, Topics.replyStatus, Topics.dlq] as const

async function applyMessageEvent(event: DeliveredEvent<(typeof TOPICS)[number]>, tx: Queryable, write: Writes) {
  switch (event.topic) {
    case Topics.ticketsIncoming: {
      const m = event.value
      // Only the web form knows its ticket on arrival; other messages appear once identity placed them.
      if (m.ticket_id) await write.inbound({ arrived: m })
      return
    }
    case Topics.customersIdentified:
      await write.inbound({ placed: event.value.context, sentiment: null })
      return
    case Topics.agentDecisions:
      // The decision carries the placed message too: whichever of the two is projected first
      // writes the row, so the sentiment is never lost to an UPDATE that found nothing.
      await write.inbound({ placed: event.value.context, sentiment: event.value.sentiment })
      return
    case Topics.dlq: {
      // A reply that could not be sent after every retry: the ticket shows it failed, and why.
      // Failed ranks highest, so the delivery rule always lets it in, and it keeps the provider's id.
      const d = event.value
      const replyId = d.original_headers[REPLY_ID_HEADER]
      if (replyId) await write.delivery({ message_id: replyId, status: 'failed', provider_message_id: null, error: d.error, at: d.occurred_at })
      return
    }
    case Topics.customersMerged: {
      const { survivor, merged } = await mergeTargets(tx, event.value)
      await tx.query('UPDATE messages SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [survivor, merged])
      return
    }
    case Topics.replyStatus: {
      const s = event.value
      await write.delivery({ message_id: s.reply_id, status: s.status, provider_message_id: s.provider_message_id, error: s.error, at: s.occurred_at })
      return
    }
    case Topics.webformOutbound:
    case Topics.emailOutbound:
    case Topics.whatsappOutbound:
      await write.reply(event.value)
      return
    default:
      unhandledTopic(event)
  }
}

/** messages (both directions, per ticket and conversation) and message_deliveries. */
export const messagesProjection = defineProjection({
  name: 'messages',
  tables: ['messages', 'message_deliveries'],
  topics: TOPICS,
  apply: (event, tx) => applyMessageEvent(event, tx, writeNow(tx)),
  batchWriter(tx) {
    const inbound = new Map<string, InboundWrite>()
    const replies = new Map<string, ReplyRequested>()
    // Each reply's delivery states in order: the k-th of every reply go in the k-th statement.
    const deliveries = new Map<string, DeliveryOp[]>()
    const flush = async () => {
      const [messages, sent, states] = [[...inbound.values()], [...replies.values()], [...deliveries.values()]]
      inbound.clear()
      replies.clear()
      deliveries.clear()
      await writeInbound(tx, messages)
      await writeReplies(tx, sent)
      for (let k = 0; states.some((s) => s.length > k); k++) await writeDeliveries(tx, states.filter((s) => s.length > k).map((s) => s[k]!))
    }
    const ordered = flushingFirst(tx, flush)
    return {
      apply: (event) => applyMessageEvent(event, ordered, {
        inbound: async (op) => {
          const id = 'arrived' in op ? op.arrived.event_id : op.placed.inbound.event_id
          inbound.set(id, foldInbound(inbound.get(id), op))
        },
        // A reply already held stays as it is, as the insert would leave it.
        reply: async (r) => void (replies.has(r.reply_id) || replies.set(r.reply_id, r)),
        delivery: async (d) => void deliveries.set(d.message_id, [...(deliveries.get(d.message_id) ?? []), d]),
      }),
      flush,
    }
  },
})
