import pgvector from 'pgvector'
import { Topics } from '../../schemas/index.js'
import { defineProjection } from '../../platform/projection.js'
import { isoAt } from '../../platform/time.js'
import type { Embedder } from '../../platform/embedding/contract.js'
import { embeddingText } from '../knowledgeBase/knowledgeBaseProjection.js'

/**
 * knowledge_candidates: answers offered on resolving a ticket, and what an admin decided. The
 * first decision on a candidate is the one that holds (the curation stage acts on the same one),
 * so a second admin's late click changes nothing. The candidate is embedded like an article
 * chunk, only so the review can flag near-duplicates; it is never searched for answers.
 */
export function knowledgeCandidatesProjection(embedder: Embedder) {
  return defineProjection({
    name: 'knowledge_candidates',
    tables: ['knowledge_candidates'],
    topics: [Topics.knowledgeCandidates],
    async apply(event, tx) {
      const c = event.value
      if (c.state === 'proposed') {
        const [vector] = await embedder.embed([embeddingText(c.title, c.body)])
        await tx.query(
          `INSERT INTO knowledge_candidates (id, ticket_id, title, body, category, state, proposed_by, proposed_by_name, proposed_at, embedding, embedding_model, duplicate_score)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9::vector, $10, $11) ON CONFLICT (id) DO NOTHING`,
          [c.candidate_id, c.ticket_id, c.title, c.body, c.category, c.staff_email, c.staff_name, isoAt(c.occurred_at), pgvector.toSql(vector!), embedder.model, embedder.duplicateScore],
        )
        return
      }
      await tx.query(
        `UPDATE knowledge_candidates
            SET state = $2, decided_by = $3, decided_by_name = $4, decided_at = $5, decision_note = $6, article_id = $7, title = $8, body = $9, category = $10
          WHERE id = $1 AND state = 'pending'`,
        [c.candidate_id, c.state, c.staff_email, c.staff_name, isoAt(c.occurred_at), c.note, c.article_id, c.title, c.body, c.category],
      )
    },
  })
}
