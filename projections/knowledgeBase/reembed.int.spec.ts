/**
 * After a model change every projections pod starts at once and finds chunks from the old model.
 * On the stack's Postgres, two processes' pools re-embed at the same time: each chunk and each
 * authored question is embedded once between them (a question as a query, a chunk as a passage),
 * and every one ends with the new model.
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
const QUESTIONS = 90

/** The local hash embedder under a new model name, counting what it is asked to embed. */
function countingEmbedder(): Embedder & { embedded: number; asQueries: string[] } {
  const e = {
    model: 'reembed-test-v2',
    minScore: 0.3,
    duplicateScore: 0.9,
    embedded: 0,
    asQueries: [] as string[],
    async embed(texts: string[], purpose: 'query' | 'passage' = 'passage') {
      e.embedded += texts.length
      if (purpose === 'query') e.asQueries.push(...texts)
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
    for (let i = 0; i < QUESTIONS; i++) {
      await pods[0]!.query(
        `INSERT INTO knowledge_questions (id, article_id, article_version, question, embedding, embedding_model) VALUES ($1, $2, 1, $3, $4::vector, 'old-model')`,
        [`a${i}?0`, `a${i}`, `How do I do thing number ${i}?`, old],
      )
    }
  })

  after(async () => {
    for (const p of pods ?? []) await p.close()
    await database?.drop()
  })

  it('embeds each chunk and question once when two pods start together', async () => {
    const a = countingEmbedder()
    const b = countingEmbedder()
    const done = await Promise.all([reembedKnowledge(pods[0]!, a), reembedKnowledge(pods[1]!, b)])
    assert.equal(done[0] + done[1], CHUNKS + QUESTIONS, `re-embedded ${done.join(' + ')}`)
    assert.equal(a.embedded + b.embedded, CHUNKS + QUESTIONS, `texts embedded ${a.embedded} + ${b.embedded}`)
    assert.ok(done.includes(0), `one pod found nothing left to do: ${done.join(', ')}`)
    const asQueries = [...a.asQueries, ...b.asQueries]
    assert.equal(asQueries.length, QUESTIONS, 'the questions, and only they, are embedded as queries')
    assert.ok(asQueries.every((q) => /^How do I do thing number \d+\?$/.test(q)), `embedded as queries: ${asQueries.slice(0, 3).join(' | ')}`)
    for (const table of ['knowledge_base', 'knowledge_questions']) {
      const left = (await pods[0]!.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE embedding_model <> 'reembed-test-v2'`)).rows[0]!.n
      assert.equal(left, 0, `${table} rows left on the old model`)
    }
    const q = (await pods[0]!.query<{ v: string }>(`SELECT embedding::text AS v FROM knowledge_questions WHERE id = 'a7?0'`)).rows[0]!.v
    // Compared as float4, which is what the column keeps.
    const f4 = (v: number[]) => v.map((x) => Math.fround(x))
    assert.deepEqual(f4(pgvector.fromSql(q) as number[]), f4(embedLocally('How do I do thing number 7?')), 'a question holds its own new vector, not the old one')
  })
})
