import { Topics, type KnowledgeHit, type KnowledgeRetrieved, type TicketLifecycleChanged } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { defineStage } from '../../platform/stage.js'
import { stableId } from '../../platform/ids.js'
import { searchKnowledge } from './searchKnowledge.js'
import { condensedQuestion, refinedQuery } from './condense.js'
import type { Embedder } from '../../platform/embedding/contract.js'

export function retrievalStage(db: Queryable, embedder: Embedder, opts: { minScore: number; k?: number; onEmbedError?: (err: Error) => void }) {
  return defineStage({
    name: 'retrieval',
    topics: [Topics.customersIdentified],
    async handle(event) {
      const identified = event.value
      let query = condensedQuestion(identified.context.inbound)
      let hits: KnowledgeHit[] = await searchKnowledge(db, embedder, query, opts)
      let searches = 1
      const second = hits.length ? null : refinedQuery(identified.context.inbound.content)
      if (second) {
        searches = 2
        query = second
        hits = await searchKnowledge(db, embedder, second, opts)
      }
      const now = Date.now()
      const retrieved: KnowledgeRetrieved = {
        event_id: stableId('retrieved', identified.event_id),
        occurred_at: now,
        context: identified.context,
        query,
        hits,
        // The true count: a message that is already one plain question has no narrower second query.
        searches,
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
  })
}
