/**
 * After a model change every projections pod starts at once and finds chunks from the old model.
 * On the stack's Postgres, two processes' pools re-embed at the same time: each chunk is embedded
 * once between them, and every chunk ends with the new model.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import pgvector from 'pgvector'
import { postgresDb, type Db } from '../../platform/db.js'
import { migrate } from '../../platform/migrate.js'
import { DIMENSIONS, type Embedder } from '../../platform/embedding/contract.js'
import { embedLocally } from '../../platform/embedding/hashEmbedding.js'
import { reembedKnowledge } from './knowledgeBaseProjection.js'
import { freshDatabase, noStack } from '../../testing/stack.js'

const CHUNKS = 150

/** The local hash embedder under a new model name, counting what it is asked to embed. */
function countingEmbedder(): Embedder & { embedded: number } {
  const e = {
    model: 'reembed-test-v2',
    minScore: 0.3,
    duplicateScore: 0.9,
    embedded: 0,
    async embed(texts: string[]) {
      e.embedded += texts.length
      // Slow enough that the two callers overlap for the whole run.
      await new Promise((r) => setTimeout(r, 20))
      return texts.map(embedLocally)
    },
  }
  return e
}

describe('re-embedding the knowledge base on start-up', { skip: noStack }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>
  let pods: Db[]

  before(async () => {
    database = await freshDatabase()
    pods = [postgresDb(database.url, 2), postgresDb(database.url, 2)]
    await migrate(pods[0]!)
    const old = pgvector.toSql(new Array(DIMENSIONS).fill(0).map((_, i) => (i === 0 ? 1 : 0)))
    for (let i = 0; i < CHUNKS; i++) {
      await pods[0]!.query(
        `INSERT INTO knowledge_base (id, article_id, article_version, chunk_index, title, category, content, embedding, embedding_model)
         VALUES ($1, $2, 1, 0, $3, 'general', $4, $5::vector, 'old-model')`,
        [`a${i}#0`, `a${i}`, `Article ${i}`, `How to do thing number ${i}`, old],
      )
    }
  })

  after(async () => {
    for (const p of pods ?? []) await p.close()
    await database?.drop()
  })

  it('embeds each chunk once when two pods start together', async () => {
    const a = countingEmbedder()
    const b = countingEmbedder()
    const done = await Promise.all([reembedKnowledge(pods[0]!, a), reembedKnowledge(pods[1]!, b)])
    assert.equal(done[0] + done[1], CHUNKS, `re-embedded ${done.join(' + ')}`)
    assert.equal(a.embedded + b.embedded, CHUNKS, `texts embedded ${a.embedded} + ${b.embedded}`)
    assert.ok(done.includes(0), `one pod found nothing left to do: ${done.join(', ')}`)
    const left = (await pods[0]!.query<{ n: number }>("SELECT count(*)::int AS n FROM knowledge_base WHERE embedding_model <> 'reembed-test-v2'")).rows[0]!.n
    assert.equal(left, 0)
  })
})
