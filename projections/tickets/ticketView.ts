import type { Queryable } from '../../platform/db.js'
import type { Channel, TicketStatus } from '../../schemas/index.js'
import { isoOf } from '../../platform/time.js'

export interface TicketView {
  ticket_id: string
  status: TicketStatus
  channel: Channel | null
  subject: string | null
  category: string | null
  priority: string | null
  created_at: string | null
  updated_at: string | null
  messages: {
    direction: 'inbound' | 'outbound'
    role: 'customer' | 'agent' | 'human'
    channel: Channel
    content: string
    created_at: string
    /** The state only: a provider's error text is for staff (it can name internals). */
    delivery_status: string | null
  }[]
  /** When the ticket was handed to a person. The reason is internal: staff see it, the customer never does. */
  escalation: { raised_at: string } | null
}

/** The customer's ticket status page: the ticket, its messages in order, and when it was handed to a person. */
export async function ticketView(db: Queryable, ticketId: string): Promise<TicketView | null> {
  const t = (
    await db.query<Record<string, unknown>>(
      `SELECT t.*, e.raised_at AS e_raised_at
         FROM tickets t LEFT JOIN escalations e ON e.ticket_id = t.id WHERE t.id = $1`,
      [ticketId],
    )
  ).rows[0]
  const messages = (
    await db.query<Record<string, unknown>>(
      `SELECT m.direction, m.role, m.channel, m.content, m.created_at, d.status AS delivery_status
         FROM messages m LEFT JOIN message_deliveries d ON d.message_id = m.id
        WHERE m.ticket_id = $1 ORDER BY m.created_at, m.direction`,
      [ticketId],
    )
  ).rows
  if (!t && messages.length === 0) return null
  return {
    ticket_id: ticketId,
    status: (t?.status as TicketStatus) ?? 'received',
    channel: (t?.channel as Channel) ?? (messages[0]?.channel as Channel) ?? null,
    subject: (t?.subject as string) ?? null,
    category: (t?.category as string) ?? null,
    priority: (t?.priority as string) ?? null,
    created_at: isoOf(t?.created_at),
    updated_at: isoOf(t?.updated_at),
    messages: messages.map((m) => ({
      direction: m.direction as 'inbound' | 'outbound',
      role: m.role as 'customer' | 'agent' | 'human',
      channel: m.channel as Channel,
      content: m.content as string,
      created_at: isoOf(m.created_at)!,
      delivery_status: (m.delivery_status as string) ?? null,
    })),
    escalation: t?.e_raised_at || t?.escalated_at ? { raised_at: isoOf(t.e_raised_at ?? t.escalated_at)! } : null,
  }
}
