import type { Runtime } from '../platform/runtime.js'
import { startRoles, seedKnowledge, ROLES, type Running } from './roles.js'

/**
 * For integration specs: every role on the runtime, the demo knowledge base published, and
 * returned only once the knowledge base projection has it (answers depend on it).
 */
export async function startSeeded(rt: Runtime, timeoutMs = 20_000): Promise<Running> {
  const app = await startRoles(rt, ROLES)
  await seedKnowledge(rt)
  const deadline = Date.now() + timeoutMs
  while (((await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_base')).rows[0]?.n ?? 0) === 0) {
    if (Date.now() > deadline) {
      await app.close()
      throw new Error('the knowledge base was not projected in time')
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return app
}
