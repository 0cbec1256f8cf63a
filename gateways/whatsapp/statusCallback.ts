import type { Queryable } from '../../platform/db.js'
import { stableId } from '../../platform/ids.js'
import type { DeliveryStatus, ReplyStatusChanged } from '../../schemas/index.js'
import { MESSAGE_SID, param, problem, type FormResult, type TwilioParams } from './twilioForm.js'

/** The Twilio message states the read model shows (DeliveryStatus): a reply's delivery as the customer sees it. */
const TRACKED = ['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const
/**
 * Real Twilio states we acknowledge and ignore: intermediate (accepted, scheduled, sending),
 * inbound-only (receiving, received), or not produced by how we send (canceled, partially_delivered).
 */
const IGNORED = ['accepted', 'scheduled', 'sending', 'canceled', 'receiving', 'received', 'partially_delivered'] as const

export type StatusCallback =
  | { tracked: true; messageSid: string; status: DeliveryStatus; error: string | null }
  | { tracked: false; messageSid: string; status: string }

/** Validates the form Twilio posts to a message's StatusCallback. Pure. */
export function parseStatusForm(params: TwilioParams): FormResult<StatusCallback> {
  const messageSid = param(params, 'MessageSid')
  if (!messageSid) return problem('MessageSid', 'is required')
  if (!MESSAGE_SID.test(messageSid)) return problem('MessageSid', 'must be a Twilio message SID (SM + 32 hex digits)')
  const status = param(params, 'MessageStatus')
  if (!status) return problem('MessageStatus', 'is required')
  if ((IGNORED as readonly string[]).includes(status)) return { ok: true, value: { tracked: false, messageSid, status } }
  if (!(TRACKED as readonly string[]).includes(status)) return problem('MessageStatus', `must be one of ${[...TRACKED, ...IGNORED].join(', ')}`)
  const code = param(params, 'ErrorCode')?.trim()
  const message = param(params, 'ErrorMessage')?.trim()
  const error = code || message ? `Twilio error ${[code, message].filter(Boolean).join(': ')}`.slice(0, 500) : null
  return { ok: true, value: { tracked: true, messageSid, status: status as DeliveryStatus, error } }
}

/**
 * Our reply (and its ticket) for a Twilio message SID: whatsapp_sends knows every part of every
 * reply the WhatsApp sender sent; outbound_sends (first SID only) plus the messages read model is
 * the fallback for a send that predates it.
 */
export async function replyOfProviderMessage(db: Queryable, sid: string): Promise<{ reply_id: string; ticket_id: string } | null> {
  const sent = (await db.query<{ reply_id: string; ticket_id: string }>('SELECT reply_id, ticket_id FROM whatsapp_sends WHERE provider_message_id = $1', [sid])).rows[0]
  if (sent) return sent
  const recorded = (
    await db.query<{ reply_id: string; ticket_id: string | null }>(
      `SELECT s.reply_id, m.ticket_id FROM outbound_sends s LEFT JOIN messages m ON m.id = s.reply_id
        WHERE s.provider_message_id = $1 AND s.channel = 'whatsapp'`,
      [sid],
    )
  ).rows[0]
  return recorded?.ticket_id ? { reply_id: recorded.reply_id, ticket_id: recorded.ticket_id } : null
}

/**
 * The event for one status callback. The id names the SID too: each part of a split reply reports
 * its own progress, and the messages projection keeps the furthest status of the reply.
 */
export function replyStatusOf(reply: { reply_id: string; ticket_id: string }, s: Extract<StatusCallback, { tracked: true }>, now: number): ReplyStatusChanged {
  return {
    event_id: stableId('reply-status', reply.reply_id, s.status, s.messageSid),
    occurred_at: now,
    reply_id: reply.reply_id,
    ticket_id: reply.ticket_id,
    channel: 'whatsapp',
    status: s.status,
    provider_message_id: s.messageSid,
    error: s.error,
  }
}
