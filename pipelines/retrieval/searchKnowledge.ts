import pgvector from 'pgvector'
import type { Queryable } from '../../platform/db.js'
import type { KnowledgeHit } from '../../schemas/index.js'
import type { Embedder } from './embedder.js'

export interface SearchOptions {
  k?: number
  /** Cosine similarity a chunk needs, on its own, to count as relevant. */
  minScore: number
  /** Called when the embedder fails; the search then uses full text alone. */
  onEmbedError?: (err: Error) => void
}

interface Candidate {
  id: string
  article_id: string
  title: string
  content: string
  cosine: number | null
  vectorRank: number | null
  textRank: number | null
}

/** Reciprocal rank fusion constant: 60 is the value from the original paper and works without tuning. */
const RRF_K = 60

/**
 * Hybrid search: pgvector HNSW cosine over titled chunks, fused with Postgres full-text search by
 * reciprocal rank fusion. A chunk is relevant when its cosine clears minScore and full text found
 * it too, or its cosine alone is twice that. Best chunk per article.
 */
export async function searchKnowledge(db: Queryable, embedder: Embedder, query: string, opts: SearchOptions): Promise<KnowledgeHit[]> {
  const k = opts.k ?? 5
  const pool = k * 4
  const byId = new Map<string, Candidate>()
  // If the embedding model is unreachable, full-text search alone still answers the customer.
  const vector = await embedder.embed([query]).then(([v]) => v, (err: Error) => (opts.onEmbedError?.(err), undefined))
  const textOnly = vector === undefined
  if (vector && vector.some((x) => x !== 0)) {
    const rows = (
      await db.query<{ id: string; article_id: string; title: string; content: string; score: number }>(
        `SELECT id, article_id, title, content, 1 - (embedding <=> $1::vector) AS score
           FROM knowledge_base WHERE embedding_model = $3
          ORDER BY embedding <=> $1::vector LIMIT $2`,
        [pgvector.toSql(vector), pool, embedder.model],
      )
    ).rows
    rows.forEach((r, i) => byId.set(r.id, { ...r, cosine: Number(r.score), vectorRank: i + 1, textRank: null }))
  }
  const words = fullTextQuery(query)
  if (words) {
    const rows = (
      await db.query<{ id: string; article_id: string; title: string; content: string }>(
        `SELECT id, article_id, title, content
           FROM knowledge_base, to_tsquery('english', $1) q
          WHERE search @@ q
          ORDER BY ts_rank_cd(search, q) DESC LIMIT $2`,
        [words, pool],
      )
    ).rows
    rows.forEach((r, i) => {
      const c = byId.get(r.id)
      if (c) c.textRank = i + 1
      else byId.set(r.id, { ...r, cosine: null, vectorRank: null, textRank: i + 1 })
    })
  }
  const fused = [...byId.values()]
    .map((c) => ({ c, rrf: (c.vectorRank ? 1 / (RRF_K + c.vectorRank) : 0) + (c.textRank ? 1 / (RRF_K + c.textRank) : 0) }))
    .filter(({ c }) =>
      textOnly
        ? c.textRank !== null && c.textRank <= 3
        : // Similar enough AND sharing at least one real word with the question: character n-grams
          // alone make unrelated texts look faintly similar ("accountant in Lisbon" vs "account").
          ((c.cosine ?? 0) >= opts.minScore && c.textRank !== null) || (c.cosine ?? 0) >= opts.minScore * 2,
    )
    .sort((a, b) => b.rrf - a.rrf)
  const seen = new Set<string>()
  const hits: KnowledgeHit[] = []
  for (const { c, rrf } of fused) {
    if (seen.has(c.article_id)) continue
    seen.add(c.article_id)
    hits.push({ article_id: c.article_id, chunk_id: c.id, title: c.title, content: c.content, score: Math.round(rrf * 1e5) / 1e5 })
    if (hits.length === k) break
  }
  return hits
}

/**
 * Any of the message's content words, as a tsquery ("export | csv | project"). OR, not AND: a
 * customer's sentence rarely shares every word with the article; ranking sorts out the rest.
 */
export function fullTextQuery(text: string): string | null {
  const words = [...new Set((text.toLowerCase().match(/[a-z][a-z0-9]{2,}/g) ?? []).filter((w) => !FT_STOP.has(w)))].slice(0, 24)
  return words.length ? words.join(' | ') : null
}

const FT_STOP = new Set(
  'the and for you your with this that have has was were are can could would should will not but from what when where which who how why does did into our out about just any all get got there their them they then than too very really please thanks thank hello dear regards best team hey'.split(' '),
)
