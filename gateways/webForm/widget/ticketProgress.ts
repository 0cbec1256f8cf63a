import type { TicketMessage, TicketSnapshot } from './api.js'

/** Often enough to feel live (an answer takes seconds), rare enough to be cheap at scale. */
export const POLL_INTERVAL_MS = 1500
/** Past this the customer is told the answer will come by email; a "check again" button resumes. */
export const POLL_LIMIT_MS = 5 * 60_000

const STATUS_TEXT: Record<string, string> = {
  received: 'Received: waiting to be picked up',
  open: 'Open: in the queue',
  processing: 'Being worked on',
  responded: 'Answered',
  escalated: 'Passed to a member of our support team',
  resolved: 'Resolved',
  closed: 'Closed',
}

export const statusText = (status: string) => STATUS_TEXT[status] ?? status

/** What support wrote back: the agent's answer, or the acknowledgement of an escalation. */
export const replies = (t: TicketSnapshot): TicketMessage[] => t.messages.filter((m) => m.direction === 'outbound')

/**
 * Polling stops once there is something to read (a reply, or the escalation's acknowledgement),
 * or the ticket is finished. An escalation alone is not enough: its acknowledgement follows.
 */
export const isSettled = (t: TicketSnapshot) => replies(t).length > 0 || t.status === 'resolved' || t.status === 'closed'
