/**
 * The search over passages and the questions each article's author says it answers, on the test
 * stack with the real local embedding model and the demo knowledge base.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pgvector from 'pgvector'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import { embedderFor, type Running } from '../../bin/roles.js'
import type { Embedder } from '../../platform/embedding/embedder.js'
import { startSeeded } from '../../testing/seeded.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'
import { ARTICLES } from '../../demo/articles.js'
import { Topics, type KnowledgeArticlePublished } from '../../schemas/index.js'
import { stableId } from '../../platform/ids.js'
import { searchKnowledge } from './searchKnowledge.js'

describe('knowledge search with authored questions', () => {
  let rt: Runtime
  let app: Running
  let embedder: Embedder
  before(async () => {
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-questions-')) }), testLog())
    app = await startSeeded(rt)
    embedder = await embedderFor(rt)
  })
  after(async () => {
    await app?.close()
    await rt?.close()
  })

  const questionsOf = async (articleId: string) =>
    (await rt.db.query<{ question: string; article_version: number }>('SELECT question, article_version FROM knowledge_questions WHERE article_id = $1 ORDER BY id', [articleId])).rows

  it('stores every demo article question, embedded by the model in use', async () => {
    const rows = (await rt.db.query<{ n: number; models: string[] }>('SELECT count(*)::int AS n, array_agg(DISTINCT embedding_model) AS models FROM knowledge_questions')).rows[0]!
    const authored = ARTICLES.reduce((n, a) => n + new Set(a.questions).size, 0)
    assert.ok(authored > ARTICLES.length * 3, `the demo articles carry questions (${authored})`)
    assert.equal(rows.n, authored)
    assert.deepEqual(rows.models, [embedder.model])
  })

  it("ranks an article by its question when that is nearer than its prose, and answers from the article's passage", async () => {
    const query = 'What happens to my projects if we downgrade to Free?'
    const hits = await searchKnowledge(rt.db, embedder, query, { minScore: embedder.minScore })
    assert.equal(hits[0]?.article_id, 'kb-change-plan', JSON.stringify(hits.map((h) => h.article_id)))
    const [v] = await embedder.embed([query], 'query')
    const passage = (
      await rt.db.query<{ best: number }>('SELECT max(1 - (embedding <=> $1::vector)) AS best FROM knowledge_base WHERE article_id = $2', [pgvector.toSql(v!), 'kb-change-plan'])
    ).rows[0]!.best
    assert.ok(hits[0]!.similarity! > Number(passage) + 0.05, `the question (${hits[0]!.similarity}) is nearer than any passage (${passage})`)
    const chunk = (await rt.db.query<{ content: string }>('SELECT content FROM knowledge_base WHERE id = $1', [hits[0]!.chunk_id])).rows[0]
    assert.equal(hits[0]!.content, chunk?.content, 'the hit carries a passage of the article, not the question')
  })

  it('replaces the questions with a newer version, and an older one arriving late changes nothing', async () => {
    const article = (version: number, questions: string[]): KnowledgeArticlePublished => ({
      event_id: stableId('article', 'kb-test-questions', String(version)),
      occurred_at: Date.now(),
      article_id: 'kb-test-questions',
      version,
      title: 'Archiving a finished project',
      category: 'projects',
      body: 'Open the project menu and choose Archive. An archived project is read-only and hidden from the sidebar; open Archived projects to see it again.',
      source: 'admin',
      questions,
    })
    const publish = (a: KnowledgeArticlePublished) => rt.transport.publish([{ topic: Topics.knowledgeArticles, key: a.article_id, value: a }])
    await publish(article(1, ['How do I archive a project?', 'How do I archive a project?', '  ', 'Where do archived projects go?']))
    await eventually(async () => (await questionsOf('kb-test-questions')).length === 2, { what: 'version 1 questions, blank and repeated ones dropped' })
    await publish(article(2, ['Can I still edit an archived project?']))
    await eventually(async () => (await questionsOf('kb-test-questions'))[0]?.article_version === 2, { what: 'version 2 questions' })
    // A late copy of version 1 (its own event id, so it is not merely de-duplicated).
    const late = { ...article(1, ['How do I archive a project?']), event_id: stableId('article', 'kb-test-questions', '1', 'late') }
    await publish(late)
    await eventually(
      async () => (await rt.db.query('SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2', ['knowledge_base', late.event_id])).rows.length > 0,
      { what: 'the late version 1 processed' },
    )
    assert.deepEqual((await questionsOf('kb-test-questions')).map((r) => [r.question, r.article_version]), [['Can I still edit an archived project?', 2]])
    const hits = await searchKnowledge(rt.db, embedder, 'can i still edit an archived project', { minScore: embedder.minScore })
    assert.equal(hits[0]?.article_id, 'kb-test-questions', JSON.stringify(hits.map((h) => h.article_id)))
  })
})
