import type { Queryable } from '../../platform/db.js'
import { isoOf } from '../../platform/time.js'
import { ticketNumber } from '../../platform/ids.js'

export type CandidateState = 'pending' | 'approved' | 'rejected'

const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000)

/**
 * Candidates for the review, oldest first, each with the article and the other candidate most
 * like it. `near_duplicate` names whichever of them scores at or above the model's bar; the
 * article a candidate itself became is not its duplicate.
 */
export async function candidateList(db: Queryable, state: CandidateState | null, id: string | null = null) {
  const where: string[] = []
  const args: unknown[] = []
  if (state) where.push(`c.state = $${args.push(state)}`)
  if (id) where.push(`c.id = $${args.push(id)}`)
  const rows = (
    await db.query<Record<string, unknown>>(
      `SELECT c.id, c.ticket_id, c.title, c.body, c.category, c.state, c.proposed_by, c.proposed_by_name, c.proposed_at,
              c.decided_by, c.decided_by_name, c.decided_at, c.decision_note, c.article_id, c.duplicate_score,
              a.article_id AS a_id, a.title AS a_title, a.score AS a_score,
              o.id AS o_id, o.title AS o_title, o.state AS o_state, o.score AS o_score
         FROM knowledge_candidates c
         LEFT JOIN LATERAL (
           SELECT k.article_id, k.title, 1 - (k.embedding <=> c.embedding) AS score FROM knowledge_base k
            WHERE k.embedding_model = c.embedding_model AND k.candidate_id IS DISTINCT FROM c.id
            ORDER BY k.embedding <=> c.embedding LIMIT 1) a ON true
         LEFT JOIN LATERAL (
           SELECT x.id, x.title, x.state, 1 - (x.embedding <=> c.embedding) AS score FROM knowledge_candidates x
            WHERE x.id <> c.id AND x.state <> 'rejected' AND x.embedding_model = c.embedding_model
            ORDER BY x.embedding <=> c.embedding LIMIT 1) o ON true
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c.proposed_at, c.id LIMIT 200`,
      args,
    )
  ).rows
  return rows.map((r) => {
    const bar = Number(r.duplicate_score)
    const article = r.a_id ? { article_id: r.a_id as string, title: r.a_title as string, score: round(r.a_score)! } : null
    const candidate = r.o_id ? { candidate_id: r.o_id as string, title: r.o_title as string, state: r.o_state as CandidateState, score: round(r.o_score)! } : null
    const duplicates = [
      ...(article && article.score >= bar ? [{ kind: 'article' as const, id: article.article_id, title: article.title, score: article.score }] : []),
      ...(candidate && candidate.score >= bar ? [{ kind: 'candidate' as const, id: candidate.candidate_id, title: candidate.title, score: candidate.score }] : []),
    ].sort((x, y) => y.score - x.score)
    return {
      candidate_id: r.id as string,
      state: r.state as CandidateState,
      title: r.title as string,
      body: r.body as string,
      category: r.category as string,
      ticket: { ticket_id: r.ticket_id as string, ticket_number: ticketNumber(r.ticket_id as string) },
      proposed_by: { email: r.proposed_by as string, name: r.proposed_by_name as string },
      proposed_at: isoOf(r.proposed_at),
      decided_by: r.decided_by ? { email: r.decided_by as string, name: r.decided_by_name as string } : null,
      decided_at: isoOf(r.decided_at),
      decision_note: (r.decision_note as string | null) ?? null,
      article_id: (r.article_id as string | null) ?? null,
      nearest_article: article,
      nearest_candidate: candidate,
      near_duplicate: duplicates[0] ?? null,
    }
  })
}
