import type { Channel, TicketStatus } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { isoOf, msOf } from '../../platform/time.js'
import { ticketNumber } from '../../platform/ids.js'
import { MESSAGE_ROW_COLUMNS, messageRow } from '../messages/messageRow.js'

export interface QueueFilter {
  /** A ticket number as the customer quotes it (normalised): finds the ticket whatever its state. */
  number?: string
  status?: TicketStatus
  assignee?: string
  channel?: Channel
}

/** A person owns the ticket: handed over, assigned or answered by a person, and not finished. */
export const OWNED_BY_PERSON = `(t.status = 'escalated' OR t.assignee IS NOT NULL OR t.human_owned) AND t.status NOT IN ('resolved', 'closed')`

/** Urgent first, then the oldest: the order a person should pick tickets up in. */
const PRIORITY_ORDER = `CASE COALESCE(t.escalation_priority, t.priority) WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`

/** Inbound customer messages since a person last acted on the ticket (or since it was handed over). */
const UNREAD = `(SELECT count(*)::int FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'inbound'
                   AND m.created_at > COALESCE(t.last_staff_at, t.escalated_at, 'epoch'::timestamptz))`

/**
 * The staff queue: by default every ticket a person owns or should pick up (escalated, assigned,
 * answered by a person, not resolved), or those matching the filter.
 */
export async function ticketQueue(db: Queryable, f: QueueFilter) {
  const where: string[] = []
  const args: unknown[] = []
  if (f.number) where.push(`t.number = $${args.push(f.number)}`)
  if (f.status) where.push(`t.status = $${args.push(f.status)}`)
  else if (!f.number) where.push(OWNED_BY_PERSON)
  if (f.assignee) where.push(`t.assignee = $${args.push(f.assignee)}`)
  if (f.channel) where.push(`t.channel = $${args.push(f.channel)}`)
  const rows = (
    await db.query<Record<string, unknown>>(
      `SELECT t.id, t.number, t.status, COALESCE(t.escalation_priority, t.priority) AS priority, t.channel, t.subject, t.customer_id, c.name AS customer_name,
              t.escalation_reason, t.escalated_at, t.assignee, t.created_at, t.updated_at, ${UNREAD} AS unread
         FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${PRIORITY_ORDER}, t.created_at
        LIMIT 500`,
      args,
    )
  ).rows
  return rows.map((r) => ({
    ticket_id: r.id as string,
    ticket_number: (r.number as string) ?? ticketNumber(r.id as string),
    status: r.status as TicketStatus,
    priority: (r.priority as string) ?? null,
    channel: r.channel as Channel,
    subject: (r.subject as string) ?? null,
    customer: r.customer_id ? { customer_id: r.customer_id as string, name: (r.customer_name as string) ?? null } : null,
    escalation: r.escalation_reason ? { reason: r.escalation_reason as string, raised_at: isoOf(r.escalated_at) } : null,
    assignee: (r.assignee as string) ?? null,
    unread: r.unread as number,
    created_at: isoOf(r.created_at),
    updated_at: isoOf(r.updated_at),
  }))
}

/**
 * One ticket as staff see it: the ticket, the agent's reason with the sentiment, the customer's
 * whole cross-channel history (every conversation of theirs), private notes, delivery states.
 */
export async function staffTicketView(db: Queryable, ticketId: string) {
  const t = (
    await db.query<Record<string, unknown>>(
      `SELECT t.*, c.name AS customer_name, e.reason AS e_reason, e.priority AS e_priority, e.sentiment AS e_sentiment, e.summary AS e_summary, e.raised_at AS e_raised_at,
              e.knowledge_considered AS e_knowledge
         FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN escalations e ON e.ticket_id = t.id
        WHERE t.id = $1`,
      [ticketId],
    )
  ).rows[0]
  if (!t) return null
  const customerId = (t.customer_id as string) ?? null
  const history = (
    await db.query<Record<string, unknown>>(
      `SELECT m.id, m.conversation_id, ${MESSAGE_ROW_COLUMNS}
         FROM messages m LEFT JOIN message_deliveries d ON d.message_id = m.id
        WHERE m.ticket_id = $1 OR ($2::uuid IS NOT NULL AND m.customer_id = $2::uuid)
        ORDER BY m.created_at, m.direction`,
      [ticketId, customerId],
    )
  ).rows
  const identifiers = customerId
    ? (await db.query<{ kind: string; value: string; verified: boolean }>('SELECT kind, value, verified FROM customer_identifiers WHERE customer_id = $1 ORDER BY first_seen', [customerId])).rows
    : []
  const notes = (
    await db.query<Record<string, unknown>>('SELECT staff_email, staff_name, note, created_at FROM ticket_notes WHERE ticket_id = $1 ORDER BY created_at, id', [ticketId])
  ).rows
  return {
    ticket_id: ticketId,
    // What the customer quotes on the phone or in an email; the console shows it beside the id.
    ticket_number: (t.number as string) ?? ticketNumber(ticketId),
    status: t.status as TicketStatus,
    priority: ((t.escalation_priority ?? t.priority) as string) ?? null,
    channel: t.channel as Channel,
    subject: (t.subject as string) ?? null,
    assignee: (t.assignee as string) ?? null,
    human_owned: Boolean(t.human_owned),
    created_at: isoOf(t.created_at),
    updated_at: isoOf(t.updated_at),
    resolved_at: isoOf(t.resolved_at),
    customer: customerId ? { customer_id: customerId, name: (t.customer_name as string) ?? null, identifiers } : null,
    escalation: t.e_reason || t.escalation_reason
      ? {
          reason: ((t.e_reason ?? t.escalation_reason) as string),
          priority: ((t.e_priority ?? t.escalation_priority) as string) ?? null,
          sentiment: (t.e_sentiment as number) ?? null,
          summary: (t.e_summary as string) ?? null,
          raised_at: isoOf(t.e_raised_at ?? t.escalated_at),
          // jsonb: PGlite and pg both hand it back parsed.
          knowledge_considered: (t.e_knowledge as { article_id: string; title: string; score: number; excerpt: string }[] | null) ?? [],
        }
      : null,
    history: history.map((m) => ({ message_id: m.id as string, this_ticket: m.ticket_id === ticketId, ...messageRow(m) })),
    notes: notes.map((n) => ({ staff_email: n.staff_email as string, staff_name: n.staff_name as string, note: n.note as string, created_at: isoOf(n.created_at) })),
  }
}

/**
 * A ticket's status and the time of its latest customer message: enough for the staff actions to
 * check before they act, and for a resolve to say what it had seen.
 */
export async function ticketState(db: Queryable, ticketId: string): Promise<{ status: TicketStatus; lastInboundAt: number | null; category: string | null } | null> {
  const row = (
    await db.query<{ status: TicketStatus; last_inbound_at: Date | string | null; category: string | null }>('SELECT status, last_inbound_at, category FROM tickets WHERE id = $1', [ticketId])
  ).rows[0]
  return row ? { status: row.status, lastInboundAt: row.last_inbound_at === null ? null : msOf(row.last_inbound_at), category: row.category } : null
}

/** Where a person's reply to this ticket goes: its channel, and the customer's latest message on it. */
export async function replyTarget(db: Queryable, ticketId: string) {
  const row = (
    await db.query<Record<string, unknown>>(
      `SELECT t.id, t.channel, t.status, t.customer_id, t.conversation_id, t.subject,
              m.channel_message_id, m.sender_email, m.sender_phone, m.thread_id, m.created_at AS inbound_at
         FROM tickets t LEFT JOIN LATERAL (
           SELECT * FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'inbound' ORDER BY m.created_at DESC LIMIT 1
         ) m ON true
        WHERE t.id = $1`,
      [ticketId],
    )
  ).rows[0]
  if (!row) return null
  return {
    ticket_id: ticketId,
    channel: row.channel as Channel,
    status: row.status as TicketStatus,
    customer_id: (row.customer_id as string) ?? null,
    conversation_id: (row.conversation_id as string) ?? null,
    subject: (row.subject as string) ?? null,
    in_reply_to: (row.channel_message_id as string) ?? null,
    email: (row.sender_email as string) ?? null,
    phone: (row.sender_phone as string) ?? null,
    thread_id: (row.thread_id as string) ?? null,
    inbound_at: row.inbound_at ? msOf(row.inbound_at as Date | string) : null,
  }
}
