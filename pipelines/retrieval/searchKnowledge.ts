import pgvector from 'pgvector'
import type { Queryable } from '../../platform/db.js'
import type { KnowledgeHit } from '../../schemas/index.js'
import type { Embedder } from '../../platform/embedding/contract.js'

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
/** A word in more than this share of the chunks says nothing about which one is asked for. */
const COMMON_WORD_SHARE = 0.2

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
  const vector = await embedder.embed([query], 'query').then(([v]) => v, (err: Error) => (opts.onEmbedError?.(err), undefined))
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
    // ts_rank counts matches but has no notion of how common a word is, so "nimbus" or "task",
    // which most chunks contain, would outvote the one word that names the topic. Words found in
    // more than a fifth of the chunks are left out of the text query (a crude IDF; always keeping
    // words that occur once, so a tiny knowledge base still matches). Counted per query through
    // the GIN index, so an article published a moment ago counts too.
    const rows = (
      await db.query<{ id: string; article_id: string; title: string; content: string }>(
        `WITH total AS (SELECT count(*) AS n FROM knowledge_base),
              asked AS (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('english', $1))) AS w),
              rare AS (SELECT w FROM asked, total
                        WHERE (SELECT count(*) FROM knowledge_base WHERE search @@ quote_literal(w)::tsquery) <= greatest(1, total.n * $3::float8)),
              q AS (SELECT string_agg(quote_literal(w), ' | ')::tsquery AS q FROM rare)
         SELECT id, article_id, title, content
           FROM knowledge_base, q
          WHERE q.q IS NOT NULL AND search @@ q.q
          ORDER BY ts_rank(search, q.q) DESC LIMIT $2`,
        [words, pool, COMMON_WORD_SHARE],
      )
    ).rows
    rows.forEach((r, i) => {
      const c = byId.get(r.id)
      if (c) c.textRank = i + 1
      else byId.set(r.id, { ...r, cosine: null, vectorRank: null, textRank: i + 1 })
    })
  }
  // Fuse per article, not per chunk: an article is as good as its best chunk in each list, and
  // ranks are counted among articles so a long article's many chunks do not crowd the others out.
  const articles = new Map<string, { best: Candidate; cosine: number; vector: number | null; text: number | null }>()
  const rankArticles = (key: 'vectorRank' | 'textRank') => {
    const order = [...byId.values()].filter((c) => c[key] !== null).sort((a, b) => a[key]! - b[key]!)
    const ranks = new Map<string, number>()
    for (const c of order) if (!ranks.has(c.article_id)) ranks.set(c.article_id, ranks.size + 1)
    return ranks
  }
  const vectorRanks = rankArticles('vectorRank')
  const textRanks = rankArticles('textRank')
  for (const c of byId.values()) {
    const a = articles.get(c.article_id)
    if (!a) articles.set(c.article_id, { best: c, cosine: c.cosine ?? 0, vector: vectorRanks.get(c.article_id) ?? null, text: textRanks.get(c.article_id) ?? null })
    else if ((c.cosine ?? 0) > a.cosine) Object.assign(a, { best: c, cosine: c.cosine ?? 0 })
  }
  const hits: KnowledgeHit[] = [...articles.entries()]
    .filter(([, a]) =>
      textOnly
        ? a.text !== null && a.text <= 3
        : // Similar enough AND sharing at least one real word with the question: character n-grams
          // alone make unrelated texts look faintly similar ("accountant in Lisbon" vs "account").
          (a.cosine >= opts.minScore && a.text !== null) || a.cosine >= opts.minScore * 2,
    )
    .map(([articleId, a]) => ({ articleId, a, rrf: (a.vector ? 1 / (RRF_K + a.vector) : 0) + (a.text ? 1 / (RRF_K + a.text) : 0) }))
    .sort((x, y) => y.rrf - x.rrf)
    .slice(0, k)
    .map(({ articleId, a, rrf }) => ({
      article_id: articleId, chunk_id: a.best.id, title: a.best.title, content: a.best.content, score: Math.round(rrf * 1e5) / 1e5,
      similarity: a.best.cosine === null ? null : Math.round(a.best.cosine * 1e4) / 1e4,
    }))
  return hits
}

/**
 * The message's content words, for to_tsvector ("export csv project"); any of them may match (OR,
 * not AND): a customer's sentence rarely shares every word with the article; ranking sorts out the rest.
 */
export function fullTextQuery(text: string): string | null {
  const words = [...new Set((text.toLowerCase().match(/[a-z][a-z0-9]{2,}/g) ?? []).filter((w) => !FT_STOP.has(w)))].slice(0, 24)
  return words.length ? words.join(' ') : null
}

const FT_STOP = new Set(
  'the and for you your with this that have has was were are can could would should will not but from what when where which who how why does did into our out about just any all get got there their them they then than too very really please thanks thank hello dear regards best team hey'.split(' '),
)
