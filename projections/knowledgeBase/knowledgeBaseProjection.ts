import pgvector from 'pgvector'
import { Topics } from '../../schemas/index.js'
import { lockKey, type Db, type Queryable } from '../../platform/db.js'
import { defineProjection } from '../../platform/projection.js'
import type { Embedder } from '../../platform/embedding/contract.js'
import { chunkArticle } from './chunk.js'
import { isoAt } from '../../platform/time.js'

// The title is embedded with every chunk: it is the best short description of what the chunk answers.
export const embeddingText = (title: string, content: string) => `${title}\n${title}\n${content}`

/**
 * knowledge_base: articles chunked and embedded into pgvector. A newer version replaces all of
 * an article's chunks; an older or equal version arriving late changes nothing.
 */
export function knowledgeBaseProjection(embedder: Embedder) {
  return defineProjection({
    name: 'knowledge_base',
    tables: ['knowledge_base', 'knowledge_questions'],
    topics: [Topics.knowledgeArticles],
    async apply(event, tx) {
      const a = event.value
      const current = (await tx.query<{ v: number | null }>('SELECT max(article_version) AS v FROM knowledge_base WHERE article_id = $1', [a.article_id])).rows[0]?.v
      if (current != null && current >= a.version) return
      await tx.query('DELETE FROM knowledge_base WHERE article_id = $1', [a.article_id])
      await tx.query('DELETE FROM knowledge_questions WHERE article_id = $1', [a.article_id])
      const chunks = chunkArticle(a.body)
      const vectors = await embedder.embed(chunks.map((c) => embeddingText(a.title, c)))
      const questions = [...new Set((a.questions ?? []).map((q) => q.trim()).filter(Boolean))]
      // Embedded as queries: a question is matched against the customer's question, like with like.
      const questionVectors = questions.length ? await embedder.embed(questions, 'query') : []
      for (const [i, question] of questions.entries()) {
        await tx.query(
          `INSERT INTO knowledge_questions (id, article_id, article_version, question, embedding, embedding_model)
           VALUES ($1, $2, $3, $4, $5::vector, $6)`,
          [`${a.article_id}?${i}`, a.article_id, a.version, question, pgvector.toSql(questionVectors[i]!), embedder.model],
        )
      }
      for (const [i, content] of chunks.entries()) {
        await tx.query(
          `INSERT INTO knowledge_base (id, article_id, article_version, chunk_index, title, category, content, embedding, embedding_model, source, source_ticket_id, candidate_id, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::vector, $9, $10, $11, $12, $13)`,
          [`${a.article_id}#${i}`, a.article_id, a.version, i, a.title, a.category, content, pgvector.toSql(vectors[i]!), embedder.model,
            a.source, a.source_ticket_id ?? null, a.candidate_id ?? null, isoAt(a.occurred_at)],
        )
      }
    },
  })
}

/**
 * Re-embeds every chunk and question written by another model (switching local <-> OpenAI).
 * Returns how many texts. Several projections pods start at once after a model change: one holds
 * the lock and embeds, the others wait for it and then find nothing left, so the knowledge base
 * is embedded once.
 */
export function reembedKnowledge(db: Db, embedder: Embedder, batch = 64): Promise<number> {
  return db.exclusive(lockKey('fte.reembed.knowledge_base'), async (conn) => {
    // updated_at stays the article's: it says when the text changed, and comes from its event.
    const chunks = await reembedTable(conn, embedder, batch, 'knowledge_base', 'title, content', (r) => embeddingText(r.title!, r.content!), 'passage')
    const questions = await reembedTable(conn, embedder, batch, 'knowledge_questions', 'question', (r) => r.question!, 'query')
    return chunks + questions
  })
}

type Row = { id: string; title?: string; content?: string; question?: string }

/** Re-embeds, a batch at a time, the rows of one table written by another model. Returns how many. */
async function reembedTable(
  conn: Queryable, embedder: Embedder, batch: number,
  table: 'knowledge_base' | 'knowledge_questions', columns: string, textOf: (r: Row) => string, purpose: 'query' | 'passage',
): Promise<number> {
  let total = 0
  for (;;) {
    const rows = (await conn.query<Row>(`SELECT id, ${columns} FROM ${table} WHERE embedding_model <> $1 ORDER BY id LIMIT $2`, [embedder.model, batch])).rows
    if (!rows.length) return total
    const vectors = await embedder.embed(rows.map(textOf), purpose)
    for (const [i, r] of rows.entries()) {
      await conn.query(`UPDATE ${table} SET embedding = $2::vector, embedding_model = $3 WHERE id = $1`, [r.id, pgvector.toSql(vectors[i]!), embedder.model])
    }
    total += rows.length
  }
}
