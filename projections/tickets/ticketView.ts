import type { Queryable } from '../../platform/db.js'
import type { Channel, TicketStatus } from '../../schemas/index.js'
import { isoOf } from '../../platform/time.js'
import { ticketNumber } from '../../platform/ids.js'
import { normalizeEmail } from '../../platform/identifiers.js'

export interface TicketView {
  ticket_id: string
  /** What the customer quotes and types back in with their address; unlike the id, not a secret. */
  ticket_number: string
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
    /** A person's reply: their first name, as they sign it. Never their address or full name. */
    signed_by: string | null
  }[]
  /** When the ticket was handed to a person. The reason is internal: staff see it, the customer never does. */
  escalation: { raised_at: string } | null
  /** Tickets opened by a follow-up from this ticket's page after it was resolved: the customer's own. */
  follow_ups: { ticket_id: string; ticket_number: string; status: TicketStatus }[]
}

/** A ticket the form issued but no projection has seen yet: it exists, it is only not processed. */
export const receivedTicketView = (ticketId: string): TicketView => ({
  ticket_id: ticketId, ticket_number: ticketNumber(ticketId), status: 'received', channel: 'web_form', subject: null, category: null, priority: null,
  created_at: null, updated_at: null, messages: [], escalation: null, follow_ups: [],
})

const firstName = (name: string) => name.trim().split(/\s+/)[0] || null

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
      `SELECT m.direction, m.role, m.author, m.channel, m.content, m.created_at, d.status AS delivery_status
         FROM messages m LEFT JOIN message_deliveries d ON d.message_id = m.id
        WHERE m.ticket_id = $1 ORDER BY m.created_at, m.direction`,
      [ticketId],
    )
  ).rows
  if (!t && messages.length === 0) return null
  const followUps = (
    await db.query<{ id: string; status: TicketStatus }>('SELECT id, status FROM tickets WHERE follows_ticket_id = $1 ORDER BY created_at', [ticketId])
  ).rows
  return {
    ticket_id: ticketId,
    ticket_number: (t?.number as string) ?? ticketNumber(ticketId),
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
      signed_by: m.role === 'human' && typeof m.author === 'string' ? firstName(m.author) : null,
    })),
    escalation: t?.e_raised_at || t?.escalated_at ? { raised_at: isoOf(t.e_raised_at ?? t.escalated_at)! } : null,
    follow_ups: followUps.map((f) => ({ ticket_id: f.id, ticket_number: ticketNumber(f.id), status: f.status })),
  }
}

/**
 * What lets a customer back into a web-form ticket: its status and the address it was sent
 * from (the first message's). Other channels' tickets are answered where they were asked.
 */
export async function webFormTicketAccess(
  db: Queryable,
  ticketId: string,
): Promise<{ status: TicketStatus; address: string | null; subject: string | null; category: string | null; priority: string | null } | null> {
  const row = (
    await db.query<{ status: TicketStatus; sender_email: string | null; subject: string | null; category: string | null; priority: string | null }>(
      `SELECT t.status, t.subject, t.category, t.priority, (SELECT m.sender_email FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'inbound' ORDER BY m.created_at LIMIT 1) AS sender_email
         FROM tickets t WHERE t.id = $1 AND t.channel = 'web_form'`,
      [ticketId],
    )
  ).rows[0]
  if (!row) return null
  return { status: row.status, address: row.sender_email ? normalizeEmail(row.sender_email) : null, subject: row.subject, category: row.category, priority: row.priority }
}

/** The web-form tickets with this number (40 bits: rarely more than one, told apart by address). */
export async function webFormTicketsNumbered(db: Queryable, number: string): Promise<string[]> {
  return (await db.query<{ id: string }>(`SELECT id FROM tickets WHERE number = $1 AND channel = 'web_form' ORDER BY created_at DESC LIMIT 20`, [number])).rows.map((r) => r.id)
}
