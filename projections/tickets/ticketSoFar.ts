import type { Channel } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { OWNED_BY_PERSON } from './staffViews.js'

export interface TicketSoFar {
  /** A person owns the ticket (escalated, assigned or answered by a person): the agent stands back. */
  ownedByPerson: boolean
  /** The last ten messages of the conversation (any channel), oldest first, without the one being answered. */
  history: { direction: 'inbound' | 'outbound'; channel: Channel; content: string }[]
}

/**
 * What the decision reads of the read models before it answers, in one round trip: the tickets
 * model says who owns the ticket, the messages model what the agent "remembers" of the conversation.
 */
export function ticketSoFar(db: Queryable) {
  return async (ticketId: string, conversationId: string, currentMessageId: string): Promise<TicketSoFar> => {
    const row = (
      await db.query<{ owned: boolean | null; history: TicketSoFar['history'] | null }>(
        `SELECT (SELECT ${OWNED_BY_PERSON} FROM tickets t WHERE t.id = $1) AS owned,
                (SELECT json_agg(h) FROM (SELECT direction, channel, content FROM messages
                  WHERE conversation_id = $2 AND id <> $3 ORDER BY created_at DESC LIMIT 10) h) AS history`,
        [ticketId, conversationId, currentMessageId],
      )
    ).rows[0]
    // Newest first from the query (the last ten), oldest first for the responder.
    return { ownedByPerson: row?.owned ?? false, history: (row?.history ?? []).reverse() }
  }
}
