import { Topics, outboundTopic, type MetricRecorded, type ReplyRequested, type ReplyStatusChanged, type TicketLifecycleChanged } from '../../schemas/index.js'
import type { OutgoingEvent } from '../../platform/transport/contract.js'
import type { Queryable } from '../../platform/db.js'
import { defineStage } from '../../platform/stage.js'
import { stableId } from '../../platform/ids.js'
import { metrics } from '../../platform/metrics.js'
import type { ChannelSender, SendResult } from './sender.js'
import { msOf } from '../../platform/time.js'
import type { CircuitBreaker } from './breaker.js'

/** outbound_sends status while a send is under way: the provider may or may not have the reply. */
const SENDING = 'sending'
const FINAL = new Set(['sent', 'delivered', 'read', 'recorded', 'queued', 'needs_template'])

/**
 * Sends one channel's replies, in that channel's own consumer group, so a provider that is down
 * delays only its own replies. outbound_sends remembers every reply that left, so a redelivered
 * ReplyRequested re-announces the status instead of messaging the customer twice, and records
 * each send as intended before the provider is called (sendOnce). A send that
 * keeps failing is retried by the transport and then dead-lettered; the reply's
 * x-fte-reply-id header lets the messages projection show the failure on the ticket.
 */
export function dispatchStage(db: Queryable, sender: ChannelSender, breaker: CircuitBreaker) {
  return defineStage({
    name: `dispatch.${sender.channel}`,
    topics: [outboundTopic[sender.channel]],
    async handle(event) {
      const reply = event.value
      const previous = (
        await db.query<{ status: string; provider_message_id: string | null; attempted_at: Date | string | null }>(
          'SELECT status, provider_message_id, attempted_at FROM outbound_sends WHERE reply_id = $1',
          [reply.reply_id],
        )
      ).rows[0]
      let status = previous?.status
      let providerMessageId = previous?.provider_message_id ?? null
      const now = Date.now()
      if (!status || !FINAL.has(status)) {
        const result = await breaker.call(() => sendOnce(db, sender, reply, previous?.attempted_at ? msOf(previous.attempted_at) : null))
        status = result.status
        providerMessageId = result.providerMessageId
        await db.query(
          `INSERT INTO outbound_sends (reply_id, channel, status, provider_message_id, updated_at)
           VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (reply_id) DO UPDATE SET status = EXCLUDED.status, provider_message_id = EXCLUDED.provider_message_id, updated_at = now()`,
          [reply.reply_id, reply.channel, status, providerMessageId],
        )
        metrics.replyLatency.observe({ channel: reply.channel }, Math.max(0, now - reply.inbound_occurred_at) / 1000)
      }
      const changed: ReplyStatusChanged = {
        event_id: stableId('reply-status', reply.reply_id, status),
        occurred_at: now,
        reply_id: reply.reply_id,
        ticket_id: reply.ticket_id,
        channel: reply.channel,
        status: status as ReplyStatusChanged['status'],
        provider_message_id: providerMessageId,
        error: null,
      }
      const latency: MetricRecorded = {
        event_id: stableId('metric', 'reply_latency_ms', reply.reply_id),
        occurred_at: now,
        name: 'reply_latency_ms',
        value: Math.max(0, now - reply.inbound_occurred_at),
        channel: reply.channel,
        labels: { ticket_id: reply.ticket_id },
      }
      const out: OutgoingEvent[] = [
        { topic: Topics.replyStatus, key: reply.ticket_id, value: changed },
        { topic: Topics.metrics, key: reply.channel, value: latency },
      ]
      if (status === 'needs_template') {
        // WhatsApp's 24-hour window has closed: only a template or a person can reach the customer now.
        const held: TicketLifecycleChanged = {
          event_id: stableId('ticket-escalated', reply.reply_id, 'needs_template'),
          occurred_at: now,
          ticket_id: reply.ticket_id,
          conversation_id: reply.conversation_id,
          customer_id: reply.customer_id,
          channel: reply.channel,
          status: 'escalated',
          reason: 'whatsapp_window_closed',
        }
        out.push({ topic: Topics.ticketLifecycle, key: reply.ticket_id, value: held })
      }
      return out
    },
  })
}

/**
 * The reply reaches the customer once. The intent is recorded before the provider is called; an
 * intent already there means an earlier attempt's outcome is unknown (it timed out, or the process
 * died between the call and the record), so the provider is asked first and the reply is sent
 * only when it does not have it. The first attempt's time stays: the search starts there.
 */
async function sendOnce(db: Queryable, sender: ChannelSender, reply: ReplyRequested, attemptedAt: number | null): Promise<SendResult> {
  if (attemptedAt !== null && sender.reconcile) {
    const found = await sender.reconcile(reply, attemptedAt)
    if (found) return found
  }
  // A sender with no provider to ask (the web form, the recording sender) is idempotent anyway: no
  // intent, and no extra round trip on every reply.
  if (attemptedAt === null && sender.reconcile) {
    await db.query(
      `INSERT INTO outbound_sends (reply_id, channel, status, attempted_at, updated_at) VALUES ($1, $2, $3, now(), now())
       ON CONFLICT (reply_id) DO UPDATE SET status = EXCLUDED.status, attempted_at = coalesce(outbound_sends.attempted_at, EXCLUDED.attempted_at), updated_at = now()`,
      [reply.reply_id, reply.channel, SENDING],
    )
  }
  return sender.send(reply)
}
