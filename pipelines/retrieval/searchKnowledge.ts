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
  const words = fullTextQuery(query)
  // An article's cosine is the best of its passages' and of the questions its author says it
  // answers: a customer's question is nearer to another question than to the prose answering it.
  const questionCosine = new Map<string, number>()
  const rows = await candidates(db, vector && vector.some((x) => x !== 0) ? { vector: pgvector.toSql(vector), model: embedder.model } : null, words, pool)
  for (const r of rows) {
    if (r.source === 'question') {
      questionCosine.set(r.article_id, Math.max(questionCosine.get(r.article_id) ?? -Infinity, Number(r.score)))
      continue
    }
    // Passages come first (candidates() orders them so): the full-text list marks the ones found.
    const c = byId.get(r.id!) ?? { id: r.id!, article_id: r.article_id, title: r.title!, content: r.content!, cosine: null, textRank: null }
    if (r.source === 'text') c.textRank = r.ord
    else c.cosine = Number(r.score)
    byId.set(c.id, c)
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

type CandidateRow = { source: 'chunk' | 'question' | 'text'; ord: number; id: string | null; article_id: string; title: string | null; content: string | null; score: number | null }

/**
 * Every list the search fuses, in one statement (one round trip, not three or four), each row
 * tagged with its list and its place in it:
 * - 'chunk': the `pool` passages nearest the vector (pgvector HNSW), and then every passage of an
 *   article found by one of its questions whose passages that list missed: the passage to answer
 *   from is still its nearest one;
 * - 'question': the `pool` authored questions nearest the vector;
 * - 'text': the `pool` passages best ranked by full text.
 * A list's rows are numbered as its ORDER BY gave them (a materialized CTE is read back in the
 * order it was written), so ties fall exactly as they did with one statement per list: on the
 * eval's 354 messages every answer and hand-over came out the same.
 */
async function candidates(db: Queryable, near: { vector: string; model: string } | null, words: string | null, pool: number): Promise<CandidateRow[]> {
  const params: unknown[] = []
  const param = (value: unknown) => (params.push(value), `$${params.length}`)
  const ctes: string[] = []
  const lists: string[] = []
  if (near) {
    const [v, m, n] = [param(near.vector), param(near.model), param(pool)]
    ctes.push(
      `chunk_hits AS MATERIALIZED (SELECT id, article_id, title, content, 1 - (embedding <=> ${v}::vector) AS score
         FROM knowledge_base WHERE embedding_model = ${m} ORDER BY embedding <=> ${v}::vector LIMIT ${n})`,
      `question_hits AS MATERIALIZED (SELECT article_id, 1 - (embedding <=> ${v}::vector) AS score
         FROM knowledge_questions WHERE embedding_model = ${m} ORDER BY embedding <=> ${v}::vector LIMIT ${n})`,
      `missed AS (SELECT article_id FROM question_hits EXCEPT SELECT article_id FROM chunk_hits)`,
    )
    lists.push(
      `SELECT 'chunk' AS source, row_number() OVER () AS ord, id, article_id, title, content, score FROM chunk_hits`,
      `SELECT 'question', row_number() OVER (), NULL, article_id, NULL, NULL, score FROM question_hits`,
      `SELECT 'chunk', ${n}::bigint + row_number() OVER (ORDER BY embedding <=> ${v}::vector, id), id, article_id, title, content, 1 - (embedding <=> ${v}::vector)
         FROM knowledge_base WHERE embedding_model = ${m} AND article_id IN (SELECT article_id FROM missed)`,
    )
  }
  if (words) {
    // ts_rank counts matches but has no notion of how common a word is, so "nimbus" or "task",
    // which most chunks contain, would outvote the one word that names the topic. Words found in
    // more than a fifth of the chunks are left out of the text query (a crude IDF; always keeping
    // words that occur once, so a tiny knowledge base still matches). Counted per query through
    // the GIN index, so an article published a moment ago counts too.
    const [w, n, share] = [param(words), param(pool), param(COMMON_WORD_SHARE)]
    ctes.push(
      `total AS (SELECT count(*) AS n FROM knowledge_base)`,
      `asked AS (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('english', ${w}))) AS w)`,
      `rare AS (SELECT w FROM asked, total
                 WHERE (SELECT count(*) FROM knowledge_base WHERE search @@ quote_literal(w)::tsquery) <= greatest(1, total.n * ${share}::float8))`,
      `q AS (SELECT string_agg(quote_literal(w), ' | ')::tsquery AS q FROM rare)`,
      `text_hits AS MATERIALIZED (SELECT id, article_id, title, content, ts_rank(search, q.q) AS rank
         FROM knowledge_base, q WHERE q.q IS NOT NULL AND search @@ q.q ORDER BY ts_rank(search, q.q) DESC LIMIT ${n})`,
    )
    lists.push(`SELECT 'text' AS source, row_number() OVER () AS ord, id, article_id, title, content, NULL::float8 AS score FROM text_hits`)
  }
  if (!lists.length) return []
  const sql = `WITH ${ctes.join(',\n')}\n${lists.join('\nUNION ALL\n')}`
  const rows = (await db.query<CandidateRow>(sql, params)).rows.map((r) => ({ ...r, ord: Number(r.ord) }))
  // Passages first, so the full-text list marks the ones the vector found; each list in its order.
  return rows.sort((a, b) => LIST_ORDER[a.source] - LIST_ORDER[b.source] || a.ord - b.ord)
}
const LIST_ORDER = { chunk: 0, question: 1, text: 2 } as const

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
