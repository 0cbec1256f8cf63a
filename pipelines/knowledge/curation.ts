import { Topics, type KnowledgeArticlePublished, type KnowledgeCandidateChanged } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { defineStage } from '../../platform/stage.js'
import { stableId } from '../../platform/ids.js'

/** The article an approved candidate becomes: version 1 of its own article, linked to its ticket. */
export function articleFrom(c: KnowledgeCandidateChanged & { article_id: string }): KnowledgeArticlePublished {
  return {
    event_id: stableId('article', c.article_id, '1'),
    occurred_at: c.occurred_at,
    article_id: c.article_id,
    version: 1,
    title: c.title,
    category: c.category,
    body: c.body,
    source: 'resolved_ticket',
    source_ticket_id: c.ticket_id,
    candidate_id: c.candidate_id,
    // A person's answer comes without authored questions; its passages alone are searched.
    questions: [],
  }
}

/**
 * Knowledge curation: publishes an approved candidate as a knowledge-base article. Only the
 * first decision on a candidate counts: a rejection followed by an approval (two admins at
 * once) publishes nothing, so a rejected answer never reaches the knowledge base. The decision
 * is recorded by its event id, so a redelivered approval publishes its article again (the same
 * event id, applied once downstream) instead of being taken for a second decision.
 */
export function curationStage(db: Queryable) {
  return defineStage({
    name: 'knowledge-curation',
    topics: [Topics.knowledgeCandidates],
    async handle(event) {
      const c = event.value
      if (c.state === 'proposed') return []
      await db.query('INSERT INTO knowledge_decisions (candidate_id, event_id, state) VALUES ($1, $2, $3) ON CONFLICT (candidate_id) DO NOTHING', [
        c.candidate_id, c.event_id, c.state,
      ])
      const first = (await db.query<{ event_id: string }>('SELECT event_id FROM knowledge_decisions WHERE candidate_id = $1', [c.candidate_id])).rows[0]
      if (first?.event_id !== c.event_id || c.state !== 'approved' || !c.article_id) return []
      return [{ topic: Topics.knowledgeArticles, key: c.article_id, value: articleFrom({ ...c, article_id: c.article_id }) }]
    },
  })
}
