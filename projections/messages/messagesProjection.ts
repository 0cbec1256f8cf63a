import {
  Topics, type InboundMessage, type ReplyStatusChanged, type TicketContext,
} from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { defineProjection, unhandledTopic } from '../../platform/projection.js'
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
 * A customer message where identity placed it (ticket, conversation, customer), from the
 * identification or the decision, in either order; `sentiment` only from the decision.
 */
async function placeInbound(tx: Queryable, context: TicketContext, sentiment: number | null) {
  const m = context.inbound
  // Identified before a merge this projection has already applied: the survivor's now.
  await tx.query(
    `INSERT INTO messages (id, ticket_id, conversation_id, customer_id, direction, role, channel, channel_message_id, content, created_at, sender_email, sender_phone, thread_id, sender_verified, sentiment)
     VALUES ($1, $2, $3, ${survivorSql('$4')}, 'inbound', 'customer', $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, customer_id = EXCLUDED.customer_id, ticket_id = EXCLUDED.ticket_id,
       sender_email = EXCLUDED.sender_email, sender_phone = EXCLUDED.sender_phone, thread_id = EXCLUDED.thread_id, sender_verified = EXCLUDED.sender_verified,
       sentiment = COALESCE(EXCLUDED.sentiment, messages.sentiment)`,
    [m.event_id, context.ticket_id, context.conversation_id, context.customer_id, m.channel, m.channel_message_id, m.content, isoAt(m.occurred_at), ...senderOf(m),
      provenIdentifiers(m).length > 0, sentiment],
  )
}

/** messages (both directions, per ticket and conversation) and message_deliveries. */
export const messagesProjection = defineProjection({
  name: 'messages',
  tables: ['messages', 'message_deliveries'],
  topics: [Topics.ticketsIncoming, Topics.customersIdentified, Topics.customersMerged, Topics.agentDecisions, Topics.webformOutbound, Topics.emailOutbound, Topics.whatsappOutbound, Topics.replyStatus, Topics.dlq],
  async apply(event, tx) {
    switch (event.topic) {
      case Topics.ticketsIncoming: {
        const m = event.value
        // Only the web form knows its ticket on arrival; other messages appear once identity placed them.
        if (!m.ticket_id) return
        await tx.query(
          `INSERT INTO messages (id, ticket_id, direction, role, channel, channel_message_id, content, created_at, sender_email, sender_phone, thread_id)
           VALUES ($1, $2, 'inbound', 'customer', $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
          [m.event_id, m.ticket_id, m.channel, m.channel_message_id, m.content, isoAt(m.occurred_at), ...senderOf(m)],
        )
        return
      }
      case Topics.customersIdentified:
        await placeInbound(tx, event.value.context, null)
        return
      case Topics.dlq: {
        // A reply that could not be sent after every retry: the ticket shows it failed, and why.
        const d = event.value
        const replyId = d.original_headers[REPLY_ID_HEADER]
        if (!replyId) return
        await tx.query(
          `INSERT INTO message_deliveries (message_id, status, status_rank, error, updated_at) VALUES ($1, 'failed', $2, $3, $4)
           ON CONFLICT (message_id) DO UPDATE SET status = 'failed', status_rank = EXCLUDED.status_rank, error = EXCLUDED.error, updated_at = EXCLUDED.updated_at`,
          [replyId, DELIVERY_RANK.failed, d.error, isoAt(d.occurred_at)],
        )
        return
      }
      case Topics.customersMerged: {
        const { survivor, merged } = await mergeTargets(tx, event.value)
        await tx.query('UPDATE messages SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [survivor, merged])
        return
      }
      case Topics.agentDecisions:
        // The decision carries the placed message too: whichever of the two is projected first
        // writes the row, so the sentiment is never lost to an UPDATE that found nothing.
        await placeInbound(tx, event.value.context, event.value.sentiment)
        return
      case Topics.replyStatus: {
        const s = event.value
        await tx.query(
          `INSERT INTO message_deliveries (message_id, status, status_rank, provider_message_id, error, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (message_id) DO UPDATE SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank,
             provider_message_id = COALESCE(EXCLUDED.provider_message_id, message_deliveries.provider_message_id),
             error = EXCLUDED.error, updated_at = EXCLUDED.updated_at
           WHERE EXCLUDED.status_rank >= message_deliveries.status_rank
              -- a reply sent again after a failure (a replayed dead letter) shows its new state
              OR (message_deliveries.status = 'failed' AND EXCLUDED.updated_at > message_deliveries.updated_at)`,
          [s.reply_id, s.status, DELIVERY_RANK[s.status], s.provider_message_id, s.error, isoAt(s.occurred_at)],
        )
        return
      }
      case Topics.webformOutbound:
      case Topics.emailOutbound:
      case Topics.whatsappOutbound: {
        const r = event.value
        await tx.query(
          `INSERT INTO messages (id, ticket_id, conversation_id, customer_id, direction, role, author, channel, content, created_at)
           VALUES ($1, $2, $3, ${survivorSql('$4')}, 'outbound', $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
          [r.reply_id, r.ticket_id, r.conversation_id, r.customer_id, r.author ? 'human' : 'agent', r.author, r.channel, r.content, isoAt(r.occurred_at)],
        )
        return
      }
      default:
        unhandledTopic(event)
    }
  },
})
