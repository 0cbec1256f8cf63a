import { Topics, type CustomerIdentified, type KnowledgeRetrieved, type TicketLifecycleChanged } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import type { Stage } from '../../platform/stage.js'
import { stableId } from '../../platform/ids.js'
import { searchKnowledge } from './searchKnowledge.js'

/** The text searched for: the subject carries the topic on forms and emails, the body the detail. */
export const searchTextOf = (identified: CustomerIdentified) =>
  [identified.context.inbound.subject, identified.context.inbound.content].filter(Boolean).join('\n')

export function retrievalStage(db: Queryable, opts: { minScore: number; k?: number }): Stage {
  return {
    name: 'retrieval',
    topics: [Topics.customersIdentified],
    async handle(event) {
      const identified = event.value as CustomerIdentified
      const query = searchTextOf(identified)
      const hits = await searchKnowledge(db, query, { minScore: opts.minScore, k: opts.k })
      const now = Date.now()
      const retrieved: KnowledgeRetrieved = {
        event_id: stableId('retrieved', identified.event_id),
        occurred_at: now,
        context: identified.context,
        query,
        hits,
        searches: 1,
      }
      const processing: TicketLifecycleChanged = {
        event_id: stableId('ticket-processing', identified.event_id),
        occurred_at: now,
        ticket_id: identified.context.ticket_id,
        conversation_id: identified.context.conversation_id,
        customer_id: identified.context.customer_id,
        channel: identified.context.inbound.channel,
        status: 'processing',
        reason: null,
      }
      return [
        { topic: Topics.knowledgeRetrieved, key: identified.context.customer_id, value: retrieved },
        { topic: Topics.ticketLifecycle, key: identified.context.ticket_id, value: processing },
      ]
    },
  }
}
