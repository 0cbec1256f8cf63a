import pgvector from 'pgvector'
import { Topics, type KnowledgeArticlePublished } from '../../schemas/index.js'
import type { Projection } from '../../platform/projection.js'
import { embedLocally, LOCAL_EMBEDDING_MODEL } from '../../pipelines/retrieval/embedding.js'
import { chunkArticle } from './chunk.js'

/**
 * knowledge_base: articles chunked and embedded into pgvector. A newer version replaces all of
 * an article's chunks; an older or equal version arriving late changes nothing.
 */
export const knowledgeBaseProjection: Projection = {
  name: 'knowledge_base',
  topics: [Topics.knowledgeArticles],
  async apply(event, tx) {
    const a = event.value as KnowledgeArticlePublished
    const current = (await tx.query<{ v: number | null }>('SELECT max(article_version) AS v FROM knowledge_base WHERE article_id = $1', [a.article_id])).rows[0]?.v
    if (current != null && current >= a.version) return
    await tx.query('DELETE FROM knowledge_base WHERE article_id = $1', [a.article_id])
    const chunks = chunkArticle(a.body)
    for (const [i, content] of chunks.entries()) {
      // The title is embedded with every chunk: it is the best short description of what the chunk answers.
      const embedding = embedLocally(`${a.title}\n${a.title}\n${content}`)
      await tx.query(
        `INSERT INTO knowledge_base (id, article_id, article_version, chunk_index, title, category, content, embedding, embedding_model)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::vector, $9)`,
        [`${a.article_id}#${i}`, a.article_id, a.version, i, a.title, a.category, content, pgvector.toSql(embedding), LOCAL_EMBEDDING_MODEL],
      )
    }
  },
}
