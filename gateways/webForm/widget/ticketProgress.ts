import type { TicketMessage, TicketSnapshot } from './api.js'

/** Often enough to feel live while an answer is coming (it takes seconds), rare enough to be cheap. */
export const POLL_INTERVAL_MS = 1500
/** Once there is something to read: a person's reply can still come at any time, so keep looking. */
export const IDLE_POLL_INTERVAL_MS = 5000
/** Past this without an answer the customer is told it will also come by email. */
export const POLL_LIMIT_MS = 5 * 60_000

/** The ticket's status in the customer's words, never the pipeline's. */
const STATUS_TEXT: Record<string, string> = {
  received: 'Received',
  open: 'Being answered',
  processing: 'Being answered',
  responded: 'Answered',
  escalated: 'With our team',
  resolved: 'Resolved',
  closed: 'Resolved',
}

export const statusText = (status: string) => STATUS_TEXT[status] ?? 'Received'

export const isResolved = (status: string) => status === 'resolved' || status === 'closed'

/** Who wrote a message, as the customer's page names them. */
export const authorOf = (m: TicketMessage): string =>
  m.direction === 'inbound' ? 'You' : m.role === 'human' ? `${m.signed_by ?? 'Our team'}, support team` : 'Support assistant'

/** What support wrote back: the agent's answer, or the acknowledgement of an escalation. */
export const replies = (t: TicketSnapshot): TicketMessage[] => t.messages.filter((m) => m.direction === 'outbound')

/**
 * Polling stops once there is something to read (a reply, or the escalation's acknowledgement),
 * or the ticket is finished. An escalation alone is not enough: its acknowledgement follows.
 */
export const isSettled = (t: TicketSnapshot) => replies(t).length > 0 || isResolved(t.status)

/**
 * Waiting for an answer: the latest message is the customer's (a follow-up just sent), or nothing
 * from support has arrived yet on an unfinished ticket.
 */
export const awaitingAnswer = (t: TicketSnapshot) => !isResolved(t.status) && (t.messages.at(-1)?.direction === 'inbound' || replies(t).length === 0)
