import {
  Topics, type StaffActionTaken, type InboundMessage, type ReplyStatusChanged, type TicketStatus,
} from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { defineProjection, flushingFirst, unhandledTopic } from '../../platform/projection.js'
import type { DeliveredEvent } from '../../platform/transport/contract.js'
import { isoAt } from '../../platform/time.js'
import { ticketNumber } from '../../platform/ids.js'
import { mergeTargets, survivorSql } from '../customers/merges.js'

/**
 * Status only moves forward, because the events that move it travel on different topics and may
 * be projected in any order. Escalated outranks responded: the acknowledgement sent on
 * escalation must not make the ticket look answered.
 */
export const STATUS_RANK: Record<TicketStatus, number> = {
  received: 0, open: 1, processing: 2, responded: 3, escalated: 4, resolved: 5, closed: 6,
}

const RESPONDED_ON = new Set<ReplyStatusChanged['status']>(['sent', 'delivered', 'read', 'recorded'])

type Move = { ticket_id: string; channel: string; status: TicketStatus; at: number; customer_id?: string | null; conversation_id?: string | null; described?: InboundMessage; inboundAt?: number }

/** One ticket's moves in a batch, folded as the upsert below would apply them one after another. */
interface FoldedMove {
  id: string; channel: string; status: TicketStatus; customer_id: string | null; conversation_id: string | null
  /** The latest event time (updated_at), and the earliest one with the described message's (created_at). */
  at: number; earliest: number
  subject: string | null; category: string | null; priority: string | null; inboundAt: number | null
}

const laterOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b))

/** b applied after a: the status of higher rank, the first value for what only fills what is empty. */
function fold(a: FoldedMove | undefined, t: Move): FoldedMove {
  const d = t.described
  const b: FoldedMove = {
    id: t.ticket_id, channel: t.channel, status: t.status, customer_id: t.customer_id ?? null, conversation_id: t.conversation_id ?? null,
    at: t.at, earliest: Math.min(t.at, d?.occurred_at ?? t.at), subject: d?.subject ?? null, category: d?.category ?? null, priority: d?.priority ?? null,
    inboundAt: t.inboundAt ?? null,
  }
  if (!a) return b
  return {
    id: a.id, channel: a.channel, status: STATUS_RANK[b.status] > STATUS_RANK[a.status] ? b.status : a.status,
    customer_id: a.customer_id ?? b.customer_id, conversation_id: a.conversation_id ?? b.conversation_id,
    at: Math.max(a.at, b.at), earliest: Math.min(a.earliest, b.earliest),
    subject: a.subject ?? b.subject, category: a.category ?? b.category, priority: a.priority ?? b.priority, inboundAt: laterOf(a.inboundAt, b.inboundAt),
  }
}

/**
 * Creates tickets or moves them on, any number in one statement. customer_id is the one the event
 * names: the survivor of its merges is written. A ticket's subject, category and priority are
 * filled from the customer's message that opens it when still empty; its created_at is the
 * earliest time among its message and its events; last_inbound_at the latest customer message
 * placed on it. Every column only fills, rises or falls one way, so a batch's moves of a ticket
 * fold into one row (`fold`) with the outcome of applying them one by one, and a batch of
 * status moves is one round trip instead of one per event.
 */
async function writeMoves(tx: Queryable, moves: FoldedMove[]) {
  if (!moves.length) return
  const col = <K extends keyof FoldedMove>(k: K) => moves.map((m) => m[k])
  const times = (k: 'at' | 'earliest' | 'inboundAt') => moves.map((m) => (m[k] === null ? null : isoAt(m[k]!)))
  await tx.query(
    `INSERT INTO tickets (id, customer_id, conversation_id, channel, status, status_rank, created_at, updated_at, number, subject, category, priority, last_inbound_at)
     SELECT m.id, ${survivorSql('m.customer_id')}, m.conversation_id, m.channel, m.status, m.status_rank, m.earliest, m.at, m.number, m.subject, m.category, m.priority, m.inbound_at
       FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::timestamptz[], $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[])
            AS m(id, customer_id, conversation_id, channel, status, status_rank, earliest, at, number, subject, category, priority, inbound_at)
     ON CONFLICT (id) DO UPDATE SET
       number = COALESCE(tickets.number, EXCLUDED.number),
       customer_id = COALESCE(tickets.customer_id, EXCLUDED.customer_id),
       conversation_id = COALESCE(tickets.conversation_id, EXCLUDED.conversation_id),
       status = CASE WHEN EXCLUDED.status_rank > tickets.status_rank THEN EXCLUDED.status ELSE tickets.status END,
       status_rank = GREATEST(tickets.status_rank, EXCLUDED.status_rank),
       updated_at = GREATEST(tickets.updated_at, EXCLUDED.updated_at),
       subject = COALESCE(tickets.subject, EXCLUDED.subject),
       category = COALESCE(tickets.category, EXCLUDED.category),
       priority = COALESCE(tickets.priority, EXCLUDED.priority),
       created_at = LEAST(tickets.created_at, EXCLUDED.created_at),
       -- GREATEST passes over NULL: a move that places no customer message changes nothing here.
       last_inbound_at = GREATEST(tickets.last_inbound_at, EXCLUDED.last_inbound_at)`,
    [col('id'), col('customer_id'), col('conversation_id'), col('channel'), col('status'), moves.map((m) => STATUS_RANK[m.status]), times('earliest'), times('at'),
      moves.map((m) => ticketNumber(m.id)), col('subject'), col('category'), col('priority'), times('inboundAt')],
  )
}

/**
 * Where the projection puts a ticket's move: one event by itself writes it at once (`moveNow`); a
 * batch's writer keeps it, folded with the ticket's other moves, until the batch ends or another
 * statement is about to run (which may read or overwrite what the move would have written, so the
 * move goes first).
 */
type Moves = (t: Move) => Promise<void>
const moveNow = (tx: Queryable): Moves => (t) => writeMoves(tx, [fold(undefined, t)])

/**
 * What a person did. Staff actions travel on one topic keyed by ticket, so they arrive in the
 * order they were taken: resolve and reopen set the status outright instead of by rank.
 */
async function applyStaffAction(tx: Queryable, a: StaffActionTaken) {
  const at = isoAt(a.occurred_at)
  await tx.query('UPDATE tickets SET last_staff_at = GREATEST(COALESCE(last_staff_at, $2), $2), updated_at = GREATEST(updated_at, $2) WHERE id = $1', [a.ticket_id, at])
  switch (a.action) {
    case 'assigned':
      await tx.query('UPDATE tickets SET assignee = $2 WHERE id = $1', [a.ticket_id, a.assignee])
      return
    case 'note_added':
      break
    case 'replied':
      await tx.query('UPDATE tickets SET human_owned = true WHERE id = $1', [a.ticket_id])
      return
    case 'resolved':
      // A customer message the person had not seen when they resolved (it was still on its way)
      // keeps the ticket with them instead of burying it under "resolved".
      await tx.query(
        `UPDATE tickets SET status = CASE WHEN unseen THEN 'escalated' ELSE 'resolved' END, status_rank = CASE WHEN unseen THEN $2::int ELSE $3::int END,
           resolved_at = CASE WHEN unseen THEN NULL ELSE $4::timestamptz END, human_owned = true
           FROM (SELECT $5::timestamptz IS NOT NULL AND last_inbound_at > $5::timestamptz AS unseen FROM tickets WHERE id = $1) s WHERE id = $1`,
        [a.ticket_id, STATUS_RANK.escalated, STATUS_RANK.resolved, at, a.seen_through === null ? null : isoAt(a.seen_through)],
      )
      break
    case 'reopened':
      // A reopened ticket is a person's again: the agent keeps standing back.
      await tx.query(`UPDATE tickets SET status = 'escalated', status_rank = $2, resolved_at = NULL, human_owned = true WHERE id = $1`, [a.ticket_id, STATUS_RANK.escalated])
      return
  }
  if (a.note) {
    await tx.query(
      'INSERT INTO ticket_notes (id, ticket_id, staff_email, staff_name, note, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
      [a.event_id, a.ticket_id, a.staff_email, a.staff_name, a.note, at],
    )
  }
}

const TOPICS = [Topics.ticketsIncoming, Topics.customersIdentified, Topics.customersMerged, Topics.ticketLifecycle, Topics.replyStatus, Topics.escalations, Topics.staffActions] as const

async function applyTicketEvent(event: DeliveredEvent<(typeof TOPICS)[number]>, tx: Queryable, moveTo: Moves) {
  switch (event.topic) {
    case Topics.ticketsIncoming: {
      // The web form promised this ticket id to the customer already: it exists from now on.
      const m = event.value
      if (!m.ticket_id) return
      await moveTo({ ticket_id: m.ticket_id, channel: m.channel, status: 'received', at: m.occurred_at, described: m })
      return
    }
    case Topics.customersIdentified: {
      const e = event.value
      const { ticket_id, conversation_id, inbound } = e.context
      if (e.is_new_ticket) {
        await moveTo({ ticket_id, customer_id: e.context.customer_id, conversation_id, channel: inbound.channel, status: 'open', at: inbound.occurred_at,
          described: inbound, inboundAt: inbound.occurred_at })
        // A follow-up from the status page of a resolved ticket: the old ticket's page links here.
        if (inbound.channel === 'web_form' && inbound.follow_up_of && inbound.follow_up_of !== ticket_id) {
          await tx.query('UPDATE tickets SET follows_ticket_id = $2 WHERE id = $1', [ticket_id, inbound.follow_up_of])
        }
      } else {
        // Identity placed it on this ticket while it still looked open, so a resolve projected
        // before it never saw it: the follow-up reopens the ticket for the person rather than
        // landing, unread, on a resolved one. (Projected before the resolve, it counts as unseen there.)
        await tx.query(
          `UPDATE tickets SET status = 'escalated', status_rank = $2, resolved_at = NULL, updated_at = GREATEST(updated_at, $3)
            WHERE id = $1 AND status = 'resolved'`,
          [ticket_id, STATUS_RANK.escalated, isoAt(inbound.occurred_at)],
        )
        await tx.query('UPDATE tickets SET last_inbound_at = GREATEST(COALESCE(last_inbound_at, $2), $2) WHERE id = $1', [ticket_id, isoAt(inbound.occurred_at)])
      }
      return
    }
    case Topics.customersMerged: {
      const { survivor, merged } = await mergeTargets(tx, event.value)
      await tx.query('UPDATE tickets SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [survivor, merged])
      return
    }
    case Topics.ticketLifecycle: {
      const l = event.value
      await moveTo({ ...l, at: l.occurred_at })
      if (l.status === 'escalated' && l.reason) {
        await tx.query('UPDATE tickets SET escalation_reason = COALESCE(escalation_reason, $2), escalated_at = COALESCE(escalated_at, $3) WHERE id = $1', [l.ticket_id, l.reason, isoAt(l.occurred_at)])
      }
      return
    }
    case Topics.replyStatus: {
      const s = event.value
      if (RESPONDED_ON.has(s.status)) await moveTo({ ticket_id: s.ticket_id, channel: s.channel, status: 'responded', at: s.occurred_at })
      return
    }
    case Topics.escalations: {
      const e = event.value
      await tx.query(
        `INSERT INTO escalations (ticket_id, reason, priority, sentiment, summary, raised_at, knowledge_considered) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (ticket_id) DO NOTHING`,
        [e.context.ticket_id, e.reason, e.priority, e.sentiment, e.summary, isoAt(e.occurred_at),
          JSON.stringify(e.knowledge_considered.map((h) => ({ article_id: h.article_id, title: h.title, score: h.score, excerpt: h.content.slice(0, 400) })))],
      )
      await moveTo({ ticket_id: e.context.ticket_id, channel: e.context.inbound.channel, status: 'escalated', at: e.occurred_at,
        customer_id: e.context.customer_id, conversation_id: e.context.conversation_id })
      await tx.query(
        'UPDATE tickets SET escalation_reason = $2, escalation_priority = $3, escalated_at = $4 WHERE id = $1',
        [e.context.ticket_id, e.reason, e.priority, isoAt(e.occurred_at)],
      )
      return
    }
    case Topics.staffActions: {
      await applyStaffAction(tx, event.value)
      return
    }
    default:
      unhandledTopic(event)
  }
}

/** tickets, escalations and ticket_notes. */
export const ticketsProjection = defineProjection({
  name: 'tickets',
  tables: ['tickets', 'escalations', 'ticket_notes'],
  topics: TOPICS,
  apply: (event, tx) => applyTicketEvent(event, tx, moveNow(tx)),
  batchWriter(tx) {
    const pending = new Map<string, FoldedMove>()
    const flush = async () => {
      if (!pending.size) return
      const moves = [...pending.values()]
      pending.clear()
      await writeMoves(tx, moves)
    }
    const ordered = flushingFirst(tx, flush)
    return {
      apply: (event) => applyTicketEvent(event, ordered, async (t) => void pending.set(t.ticket_id, fold(pending.get(t.ticket_id), t))),
      flush,
    }
  },
})
