/**
 * A rolling restart under load, on the real stack (Kafka, registry, Postgres): the gateway runs
 * here, every other role in two worker processes. While web-form customers write at about 10 a
 * second, each worker in turn gets SIGTERM, as Kubernetes sends it, and the next one is stopped
 * only once its replacement is ready. Every accepted ticket is answered exactly once, nothing is
 * dead-lettered, and each stopped worker finishes its in-flight events and exits 0 (the exit
 * code of the clean path; the shutdown bound's path exits 1).
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { openRuntime, type Runtime } from '../platform/runtime.js'
import { seedKnowledge, startRoles, type Running } from './roles.js'
import { ARTICLES } from '../demo/articles.js'
import { eventually, freshDatabase, noStack, stack, testConfig, testLog, uniqueName } from '../testing/stack.js'
import { startRoleProcess, type RoleProcess } from '../testing/processes.js'

const WORKER_ROLES = 'identity,retrieval,decision,dispatch,projections'

describe('a rolling restart under load (Kafka, registry, Postgres)', { skip: noStack }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>
  let env: Record<string, string>
  let rt: Runtime
  let gateway: Running
  const workers: RoleProcess[] = []

  before(async () => {
    database = await freshDatabase()
    env = {
      KAFKA_BROKERS: stack.kafkaBrokers!, SCHEMA_REGISTRY_URL: stack.registryUrl!, DATABASE_URL: database.url,
      FTE_TOPIC_PREFIX: `${uniqueName('roll')}.`, FTE_TOPIC_PARTITIONS: '4', FTE_SEED_KNOWLEDGE: 'false',
      // The workers' kafkajs notes on every rebalance are expected here; LOG_LEVEL=info shows them.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    }
    rt = await openRuntime(testConfig(env), testLog())
    gateway = await startRoles(rt, ['gateway'])
    await seedKnowledge(rt)
    workers.push(...(await Promise.all(['worker-a', 'worker-b'].map((name) => startRoleProcess({ name, roles: WORKER_ROLES, env })))))
    await Promise.all(workers.map((w) => w.ready()))
    await eventually(async () => ((await rt.db.query<{ n: number }>('SELECT count(DISTINCT article_id)::int AS n FROM knowledge_base')).rows[0]!.n === ARTICLES.length), {
      what: 'the knowledge base projected by the workers', timeoutMs: 60_000,
    })
  })

  after(async () => {
    await Promise.all(workers.map((w) => w.stop(5_000)))
    await gateway?.close()
    await rt?.close()
    await database?.drop()
  })

  it('answers every ticket once while each worker in turn is stopped and replaced', async () => {
    const accepted: string[] = []
    const refused: string[] = []
    let sending = true
    const inFlight: Promise<unknown>[] = []
    const load = (async () => {
      for (let n = 0; sending; n++) {
        inFlight.push(fetch(`${gateway.url}/support/submit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Rolf', email: `rolf${n}@example.com`, subject: 'Export', category: 'general', message: `How do I export my project to CSV? (${n})` }),
        }).then(
          async (r) => (r.status === 202 ? accepted.push(((await r.json()) as { ticket_id: string }).ticket_id) : refused.push(`HTTP ${r.status}`)),
          (err: Error) => refused.push(err.message),
        ))
        await new Promise((r) => setTimeout(r, 100))
      }
    })()

    await new Promise((r) => setTimeout(r, 3000))
    const exits: (number | string)[] = []
    for (const i of [0, 1]) {
      const old = workers[i]!
      exits.push(await old.stop())
      const replacement = await startRoleProcess({ name: `${old.name}-2`, roles: WORKER_ROLES, env })
      workers[i] = replacement
      await replacement.ready()
    }
    await new Promise((r) => setTimeout(r, 2000))
    sending = false
    await load
    await Promise.all(inFlight)

    assert.deepEqual(exits, [0, 0], 'each worker stopped cleanly within the shutdown bound')
    assert.deepEqual(refused, [], 'the gateway accepted every submission throughout')
    assert.ok(accepted.length >= 100, `submissions kept coming through both restarts (${accepted.length})`)

    const unanswered = async () => {
      const rows = (await rt.db.query<{ id: string }>(`SELECT id FROM tickets WHERE id = ANY($1::text[]) AND status = 'responded'`, [accepted])).rows
      const done = new Set(rows.map((r) => r.id))
      return accepted.filter((id) => !done.has(id))
    }
    await eventually(async () => ((await unanswered()).length === 0 ? true : null), { what: 'every accepted ticket answered', timeoutMs: 120_000 }).catch(async (err: Error) => {
      throw new Error(`${err.message}; ${(await unanswered()).length} of ${accepted.length} unanswered`)
    })
    // The messages read model is its own consumer group: after the restarts it may still be
    // catching up with replies the tickets projection has already seen sent.
    const replied = () => rt.db.query<{ ticket_id: string; n: number }>(
      `SELECT ticket_id, count(*)::int AS n FROM messages WHERE direction = 'outbound' AND ticket_id = ANY($1::text[]) GROUP BY ticket_id`, [accepted],
    ).then((r) => r.rows)
    await eventually(async () => (await replied()).length === accepted.length, { what: 'every reply in the messages read model', timeoutMs: 60_000 }).catch(() => undefined)
    const replies = await replied()
    assert.equal(replies.length, accepted.length, 'a reply on every accepted ticket')
    assert.deepEqual(replies.filter((r) => r.n !== 1), [], 'no ticket answered twice')
    const sends = (await rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbound_sends WHERE channel = 'web_form'`)).rows[0]!.n
    assert.equal(sends, accepted.length, 'one recorded send per ticket')
    const letters = (await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dead_letters')).rows[0]!.n
    assert.equal(letters, 0, 'a restart is not a dead letter')
  })
})
