import type { Runtime } from '../platform/runtime.js'
import { startRoles, seedKnowledge, ROLES, type Running } from '../bin/roles.js'
import { ARTICLES } from '../demo/articles.js'

/**
 * For integration specs, the bench and the eval: every role on the runtime, the demo knowledge
 * base published, and returned only once the projection holds `articles` of its articles (all
 * of them unless told otherwise: answers depend on them, and embedding them takes a second or two).
 */
export async function startSeeded(rt: Runtime, opts: { articles?: number; timeoutMs?: number } = {}): Promise<Running> {
  const app = await startRoles(rt, ROLES)
  await seedKnowledge(rt)
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000)
  const projected = async () => (await rt.db.query<{ n: number }>('SELECT count(DISTINCT article_id)::int AS n FROM knowledge_base')).rows[0]?.n ?? 0
  while ((await projected()) < (opts.articles ?? ARTICLES.length)) {
    if (Date.now() > deadline) {
      await app.close()
      throw new Error('the knowledge base was not projected in time')
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return app
}
