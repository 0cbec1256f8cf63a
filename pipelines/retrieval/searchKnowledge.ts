import pgvector from 'pgvector'
import type { Queryable } from '../../platform/db.js'
import type { KnowledgeHit } from '../../schemas/index.js'
import { embedLocally } from './embedding.js'

/** Top-k chunks by cosine similarity (pgvector HNSW), best chunk per article, above a floor. */
export async function searchKnowledge(db: Queryable, query: string, opts: { k?: number; minScore: number }): Promise<KnowledgeHit[]> {
  const vector = embedLocally(query)
  if (vector.every((x) => x === 0)) return [] // nothing searchable in the text (cosine of a zero vector is undefined)
  const rows = (
    await db.query<{ id: string; article_id: string; title: string; content: string; score: number }>(
      `SELECT id, article_id, title, content, 1 - (embedding <=> $1::vector) AS score
         FROM knowledge_base
        ORDER BY embedding <=> $1::vector
        LIMIT $2`,
      [pgvector.toSql(vector), (opts.k ?? 5) * 3],
    )
  ).rows
  const seen = new Set<string>()
  const hits: KnowledgeHit[] = []
  for (const r of rows) {
    if (r.score < opts.minScore || seen.has(r.article_id)) continue
    seen.add(r.article_id)
    hits.push({ article_id: r.article_id, chunk_id: r.id, title: r.title, content: r.content, score: Number(r.score) })
    if (hits.length === (opts.k ?? 5)) break
  }
  return hits
}
