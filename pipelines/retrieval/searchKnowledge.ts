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

type ChunkRow = { id: string; article_id: string; title: string; content: string; score: number }

interface Candidate {
  id: string
  article_id: string
  title: string
  content: string
  cosine: number | null
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
  // An article's cosine is the best of its passages' and of the questions its author says it
  // answers: a customer's question is nearer to another question than to the prose answering it.
  const questionCosine = new Map<string, number>()
  if (vector && vector.some((x) => x !== 0)) {
    const v = pgvector.toSql(vector)
    const [chunks, questions] = await Promise.all([
      db.query<ChunkRow>(
        `SELECT id, article_id, title, content, 1 - (embedding <=> $1::vector) AS score
           FROM knowledge_base WHERE embedding_model = $3
          ORDER BY embedding <=> $1::vector LIMIT $2`,
        [v, pool, embedder.model],
      ),
      db.query<{ article_id: string; score: number }>(
        `SELECT article_id, 1 - (embedding <=> $1::vector) AS score
           FROM knowledge_questions WHERE embedding_model = $3
          ORDER BY embedding <=> $1::vector LIMIT $2`,
        [v, pool, embedder.model],
      ),
    ])
    for (const r of chunks.rows) byId.set(r.id, { ...r, cosine: Number(r.score), textRank: null })
    for (const r of questions.rows) if (!questionCosine.has(r.article_id)) questionCosine.set(r.article_id, Number(r.score))
    // An article found by a question whose passages the nearest-passage list missed: the passage
    // to answer from is still its nearest one.
    const found = new Set(chunks.rows.map((r) => r.article_id))
    const missing = [...questionCosine.keys()].filter((a) => !found.has(a))
    if (missing.length) {
      const rows = await db.query<ChunkRow>(
        `SELECT id, article_id, title, content, 1 - (embedding <=> $1::vector) AS score
           FROM knowledge_base WHERE embedding_model = $3 AND article_id = ANY($2::text[])`,
        [v, missing, embedder.model],
      )
      for (const r of rows.rows) byId.set(r.id, { ...r, cosine: Number(r.score), textRank: null })
    }
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
      else byId.set(r.id, { ...r, cosine: null, textRank: i + 1 })
    })
  }
  // Fuse per article, not per chunk: an article is as good as its best chunk in each list, and
  // ranks are counted among articles so a long article's many chunks do not crowd the others out.
  const articles = new Map<string, { best: Candidate; cosine: number; vector: number | null; text: number | null }>()
  const textOrder = [...byId.values()].filter((c) => c.textRank !== null).sort((a, b) => a.textRank! - b.textRank!)
  const textRanks = new Map<string, number>()
  for (const c of textOrder) if (!textRanks.has(c.article_id)) textRanks.set(c.article_id, textRanks.size + 1)
  for (const c of byId.values()) {
    const a = articles.get(c.article_id)
    if (!a) articles.set(c.article_id, { best: c, cosine: c.cosine ?? 0, vector: null, text: textRanks.get(c.article_id) ?? null })
    else if ((c.cosine ?? 0) > (a.best.cosine ?? 0)) Object.assign(a, { best: c, cosine: c.cosine ?? 0 })
  }
  for (const [id, a] of articles) a.cosine = Math.max(a.cosine, questionCosine.get(id) ?? 0)
  const vectorOrder = [...articles.entries()].filter(([, a]) => a.best.cosine !== null).sort(([, x], [, y]) => y.cosine - x.cosine)
  vectorOrder.forEach(([, a], i) => (a.vector = i + 1))
  const hits: KnowledgeHit[] = [...articles.entries()]
    .filter(([, a]) =>
      textOnly
        ? a.text !== null && a.text <= 3
        : // Similar enough AND sharing at least one real word with the question: character n-grams
          // alone make unrelated texts look faintly similar ("accountant in Lisbon" vs "account").
          (a.cosine >= opts.minScore && a.text !== null) || a.cosine >= opts.minScore * 2,
    )
    .map(([articleId, a]) => ({ articleId, a, rrf: (a.vector ? 1 / (RRF_K + a.vector) : 0) + (a.text ? 1 / (RRF_K + a.text) : 0) }))
    // Ordered by cosine: with authored questions beside the passages it put the right article
    // first more often than the fused rank did (dev split: 125 against 121 of 136); full text still
    // decides relevance above, and the order when the embedder is down.
    .sort((x, y) => (textOnly ? y.rrf - x.rrf : y.a.cosine - x.a.cosine || y.rrf - x.rrf))
    .slice(0, k)
    .map(({ articleId, a, rrf }) => ({
      article_id: articleId, chunk_id: a.best.id, title: a.best.title, content: a.best.content, score: Math.round(rrf * 1e5) / 1e5,
      similarity: a.best.cosine === null ? null : Math.round(a.cosine * 1e4) / 1e4,
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
