import type { Channel } from '../../schemas/index.js'
import { isoOf } from '../../platform/time.js'

/** A messages row (joined with its delivery state) as the staff views show it. */
export const messageRow = (m: Record<string, unknown>) => ({
  ticket_id: m.ticket_id as string,
  direction: m.direction as 'inbound' | 'outbound',
  role: m.role as 'customer' | 'agent' | 'human',
  author: (m.author as string) ?? null,
  channel: m.channel as Channel,
  content: m.content as string,
  sentiment: (m.sentiment as number) ?? null,
  created_at: isoOf(m.created_at),
  delivery_status: (m.delivery_status as string) ?? null,
  delivery_error: (m.delivery_error as string) ?? null,
  // Who wrote a customer message, and whether the channel proved it (docs/identity.md).
  sender:
    m.direction === 'inbound'
      ? { email: (m.sender_email as string) ?? null, phone: (m.sender_phone as string) ?? null, verified: Boolean(m.sender_verified) }
      : null,
})

/** The columns messageRow reads, for a query on messages m joined with message_deliveries d. */
export const MESSAGE_ROW_COLUMNS = `m.ticket_id, m.direction, m.role, m.author, m.channel, m.content, m.sentiment, m.created_at,
  m.sender_email, m.sender_phone, m.sender_verified, d.status AS delivery_status, d.error AS delivery_error`
