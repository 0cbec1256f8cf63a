/**
 * Faults on the real stack (Kafka, registry, Postgres): the database crash-stops for a few
 * seconds under web-form load. Every accepted ticket is answered once it is back, and nothing is
 * dead-lettered: database errors are transient, retried for as long as they last.
 * The database sits behind a TCP proxy the test cuts (testing/faultProxy.ts), so the shared
 * Postgres keeps serving the other specs.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { openRuntime, type Runtime } from '../platform/runtime.js'
import type { Running } from './roles.js'
import { startSeeded } from '../testing/seeded.js'
import { eventually, freshDatabase, noStack, stack, testConfig, testLog, uniqueName } from '../testing/stack.js'
import { startFaultProxy, type FaultProxy } from '../testing/faultProxy.js'

describe('a database outage under load (Kafka, registry, Postgres)', { skip: noStack }, () => {
  let rt: Runtime
  let app: Running
  let proxy: FaultProxy
  let drop: () => Promise<void>

  before(async () => {
    const db = await freshDatabase()
    drop = db.drop
    const direct = new URL(db.url)
    proxy = await startFaultProxy({ host: direct.hostname, port: Number(direct.port || 5432) })
    const viaProxy = new URL(db.url)
    viaProxy.host = proxy.address
    rt = await openRuntime(
      testConfig({
        KAFKA_BROKERS: stack.kafkaBrokers!, SCHEMA_REGISTRY_URL: stack.registryUrl!, DATABASE_URL: viaProxy.toString(),
        FTE_TOPIC_PREFIX: `${uniqueName('flt')}.`, FTE_MAX_ATTEMPTS: '3', FTE_RETRY_BACKOFF_MS: '50', FTE_RETRY_MAX_BACKOFF_MS: '500',
      }),
      testLog(),
    )
    app = await startSeeded(rt)
  })
  after(async () => {
    proxy?.restore()
    await app?.close()
    await rt?.close()
    await proxy?.close()
    await drop?.()
  })

  it('answers every accepted ticket after the database comes back, and dead-letters nothing', async () => {
    const accepted: string[] = []
    let refused = 0
    const submit = async (n: number) => {
      const res = await fetch(`${app.url}/support/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ada', email: `ada${n}@example.com`, subject: 'Export', category: 'general', message: `How do I export my project to CSV? (${n})` }),
      }).catch(() => null)
      if (res?.status === 202) accepted.push(((await res.json()) as { ticket_id: string }).ticket_id)
      else refused++
    }
    // 60 submissions at about 10/s; the database is cut from the 2nd to the 5th second.
    const sending = (async () => {
      for (let n = 0; n < 60; n++) {
        void submit(n)
        await new Promise((r) => setTimeout(r, 100))
      }
    })()
    await new Promise((r) => setTimeout(r, 2000))
    proxy.cut()
    await eventually(async () => {
      const r = await fetch(`${app.url}/ready`)
      return r.status === 503 ? true : null
    }, { what: '/ready answering 503 while the database is away', timeoutMs: 10_000 })
    await new Promise((r) => setTimeout(r, 3000))
    proxy.restore()
    await sending
    await eventually(async () => accepted.length + refused === 60, { what: 'every submission answered' })
    assert.ok(accepted.length >= 30, `most submissions were accepted (${accepted.length} accepted, ${refused} refused)`)

    const unanswered = async () => {
      const left: string[] = []
      for (const id of accepted) {
        const r = await fetch(`${app.url}/support/ticket/${id}`)
        const status = r.status === 200 ? ((await r.json()) as { status: string }).status : `HTTP ${r.status}`
        if (status !== 'responded') left.push(`${id}: ${status}`)
      }
      return left
    }
    await eventually(async () => ((await unanswered()).length === 0 ? true : null), { what: 'every accepted ticket answered', timeoutMs: 90_000 }).catch(async (err: Error) => {
      throw new Error(`${err.message}; still unanswered: ${(await unanswered()).slice(0, 5).join(', ')}`)
    })
    const letters = (await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dead_letters')).rows[0]!.n
    assert.equal(letters, 0, 'a database outage is not a dead letter')
    // The ticket reads "responded" from the tickets read model; the reply's row is the messages
    // read model's, another consumer group that may still be catching up after the outage.
    const repliesOf = async () => (await rt.db.query<{ ticket_id: string; n: number }>(
      `SELECT ticket_id, count(*)::int AS n FROM messages WHERE direction = 'outbound' AND ticket_id = ANY($1::text[]) GROUP BY ticket_id`, [accepted],
    )).rows
    await eventually(async () => ((await repliesOf()).length >= accepted.length ? true : null), { what: 'every reply in the messages read model', timeoutMs: 60_000 }).catch(() => undefined)
    const replies = await repliesOf()
    assert.equal(replies.length, accepted.length, 'one reply per accepted ticket')
    assert.ok(replies.every((r) => r.n === 1), `no ticket answered twice: ${JSON.stringify(replies.filter((r) => r.n !== 1))}`)
    assert.equal((await fetch(`${app.url}/ready`)).status, 200, 'ready again')
  })
})
