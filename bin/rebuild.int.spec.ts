/**
 * The read models are derived from the log, on the real stack (Kafka, registry, Postgres): after
 * traffic on every channel, staff actions, a merge and an approved answer, every read model is
 * rebuilt from the topics while the product runs, and each table comes back with the same rows
 * and the same content checksum. The old tables are served until the swap; events that arrive
 * during a rebuild are neither lost nor applied twice.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { openRuntime, type Runtime } from '../platform/runtime.js'
import { rebuildReadModel, tableChecksums } from '../platform/rebuild.js'
import { projectionGroup, type Projection } from '../platform/projection.js'
import { embedderFor, type Running } from './roles.js'
import { READ_MODEL_NAMES, readModels } from '../projections/readModels.js'
import { Topics, type InboundMessage } from '../schemas/index.js'
import { startSeeded } from '../testing/seeded.js'
import { eventually, freshDatabase, noStack, stack, testConfig, testLog, uniqueName } from '../testing/stack.js'
import { staffMember } from '../testing/staff.js'

type Json = Record<string, any>

describe('rebuilding the read models from the log (Kafka, registry, Postgres)', { skip: noStack }, () => {
  let rt: Runtime
  let app: Running
  let drop: () => Promise<void>
  let projections: Projection[]
  let agent: Awaited<ReturnType<typeof staffMember>>
  let admin: Awaited<ReturnType<typeof staffMember>>

  before(async () => {
    const db = await freshDatabase()
    drop = db.drop
    rt = await openRuntime(
      testConfig({ KAFKA_BROKERS: stack.kafkaBrokers!, SCHEMA_REGISTRY_URL: stack.registryUrl!, DATABASE_URL: db.url, FTE_TOPIC_PREFIX: `${uniqueName('rb')}.` }),
      testLog(),
    )
    app = await startSeeded(rt)
    projections = readModels(await embedderFor(rt))
    agent = await staffMember(rt.db, 'agent', 'Maria Lopez')
    admin = await staffMember(rt.db, 'admin', 'Ada Admin')
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    await drop?.()
  })

  const call = async (p: string, as: { headers: Record<string, string> } | null, body?: unknown) => {
    const res = await fetch(`${app.url}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(as?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Json }
  }
  const inbound = (channel: 'whatsapp' | 'email', who: string, content: string): InboundMessage => ({
    event_id: uniqueName(channel), occurred_at: Date.now(), channel, channel_message_id: uniqueName('m'), ticket_id: null,
    sender: channel === 'whatsapp' ? { name: 'Wen Li', email: null, phone: who, verified: true } : { name: 'Eve Ma', email: who, phone: null, verified: true },
    subject: channel === 'email' ? 'Question' : null, category: null, priority: null, content, thread_id: channel === 'email' ? uniqueName('th') : null,
  })
  const publish = (ms: InboundMessage[]) => rt.transport.publish(ms.map((m) => ({ topic: Topics.ticketsIncoming, key: m.sender.phone ?? m.sender.email, value: m })))
  /** Every projection has handled everything on its topics: the read models are at rest. */
  const atRest = () =>
    eventually(async () => {
      for (const p of projections) {
        const lag = (await rt.transport.positions(projectionGroup(p.name), p.topics)).reduce((n, x) => n + x.lag, 0)
        if (lag > 0) return false
      }
      return true
    }, { what: 'every projection caught up', timeoutMs: 60_000 })
  const allTables = () => projections.flatMap((p) => p.tables)
  const settled = (n: number) =>
    eventually(async () => {
      const r = await rt.db.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE status IN ('responded', 'escalated', 'resolved')")
      return r.rows[0]!.n >= n
    }, { what: `${n} tickets settled`, timeoutMs: 60_000 })

  it('registers every read model under the names the command takes', () => {
    assert.deepEqual(projections.map((p) => p.name).sort(), [...READ_MODEL_NAMES].sort())
  })

  it('rebuilds every read model while the product runs, and each table comes back identical', async () => {
    // Traffic on every channel, then what staff do with it.
    const forms = ['I forgot my password and cannot log in', 'How do I export my tasks to CSV?', 'I was charged twice and want a refund'].map((message, i) =>
      call('/support/submit', null, { name: `Web ${i}`, email: `web${i}@example.com`, subject: 'Help', category: 'general', message }),
    )
    const ticketIds = (await Promise.all(forms)).map((r) => r.body.ticket_id as string)
    await publish([
      inbound('whatsapp', '+14155550301', 'how do I invite my team?'),
      inbound('whatsapp', '+14155550302', 'This is the worst app ever, I am furious, nothing works'),
      inbound('whatsapp', '+14155550303', 'Can I use the calendar view on mobile?'),
      inbound('email', 'eve@example.com', 'Hello, how do I turn on two-factor authentication? Thanks, Eve'),
    ])
    await settled(7)
    const refund = ticketIds[2]!
    await eventually(async () => (await call(`/api/tickets/${refund}`, agent)).body.status === 'escalated', { what: 'the refund handed over' })
    assert.equal((await call(`/api/tickets/${refund}/notes`, agent, { note: 'Checked the billing log.' })).status, 202)
    const resolved = await call(`/api/tickets/${refund}/resolve`, agent, {
      reply: 'I have refunded the duplicate charge.',
      reusable_answer: { title: 'Refunds for duplicate charges', body: 'A duplicate charge is refunded by the support team within 5 working days.' },
    })
    assert.equal(resolved.status, 202)
    const candidate = await eventually(async () => {
      const r = await call(`/api/knowledge/candidates/${resolved.body.candidate_id}`, agent)
      return r.status === 200 ? r.body : null
    }, { what: 'the candidate' })
    assert.equal((await call(`/api/knowledge/candidates/${candidate.candidate_id}/approve`, admin, {})).status, 202)
    const customers = (await rt.db.query<{ customer_id: string }>("SELECT customer_id FROM customer_identifiers WHERE value IN ('+14155550301', '+14155550303') ORDER BY value")).rows
    assert.equal((await call('/api/customers/merge', agent, { survivor: customers[0]!.customer_id, merged: customers[1]!.customer_id })).status, 202)
    await eventually(async () => (await rt.db.query('SELECT 1 FROM knowledge_base WHERE candidate_id = $1', [candidate.candidate_id])).rows.length > 0, { what: 'the approved article' })
    await eventually(async () => (await rt.db.query('SELECT 1 FROM customers WHERE merged_into IS NOT NULL')).rows.length === 1, { what: 'the merge' })
    await atRest()

    const before = await tableChecksums(rt.db, allTables())
    for (const t of ['tickets', 'messages', 'customers', 'knowledge_base', 'reply_metrics', 'ticket_notes', 'knowledge_candidates', 'customer_merges']) {
      assert.ok(before[t]!.rows > 0, `${t} has rows to rebuild`)
    }
    const served: number[] = []
    let events = 0
    for (const projection of projections.filter((p) => !p.notRebuilt)) {
      const r = await rebuildReadModel({
        db: rt.db, transport: rt.transport, projection, log: rt.log,
        // While the copy is built, the product reads the current tables, whole.
        onProgress: () => void rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets').then((x) => served.push(x.rows[0]!.n)),
      })
      events += r.events
      for (const t of projection.tables) assert.equal(r.rows[t], before[t]!.rows, `${t} rows after the swap`)
    }
    assert.ok(events > 100, `${events} events replayed`)
    assert.ok(served.length > 0 && served.every((n) => n === before.tickets!.rows), `tickets served during the rebuilds: ${[...new Set(served)].join(', ')}`)
    assert.deepEqual(await tableChecksums(rt.db, allTables()), before)
    const leftovers = await rt.db.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'fte_rebuild_%'")
    assert.equal(leftovers.rows.length, 0, 'the copies are dropped after the swap')
  })

  it('loses nothing and applies nothing twice that arrives during a rebuild, and the live projection carries on after it', async () => {
    const tickets = projections.find((p) => p.name === 'tickets')!
    const messages = projections.find((p) => p.name === 'messages')!
    const during = Array.from({ length: 6 }, (_, i) => inbound('whatsapp', `+1415555040${i}`, `how do I create a recurring task? (${i})`))
    const rebuilding = Promise.all([tickets, messages].map((projection) => rebuildReadModel({ db: rt.db, transport: rt.transport, projection, log: rt.log })))
    // Published while both rebuilds replay: some reach the copies, some the live tables first.
    for (const m of during) {
      await publish([m])
      await new Promise((r) => setTimeout(r, 150))
    }
    await rebuilding
    const after = inbound('whatsapp', '+14155550499', 'how do I add a subtask?')
    await publish([after])
    await atRest()
    for (const m of [...during, after]) {
      const rows = await rt.db.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE id = $1 AND direction = 'inbound'", [m.event_id])
      assert.equal(rows.rows[0]!.n, 1, `message ${m.content} once`)
    }
    const phones = [...during, after].map((m) => m.sender.phone!)
    const perCustomer = await rt.db.query<{ value: string; n: number }>(
      `SELECT i.value, count(t.id)::int AS n FROM customer_identifiers i LEFT JOIN tickets t ON t.customer_id = i.customer_id WHERE i.value = ANY($1) GROUP BY i.value`,
      [phones],
    )
    assert.deepEqual(perCustomer.rows.map((r) => r.n), phones.map(() => 1), 'one ticket each')
    // And a rebuild now gives exactly what the live projection built.
    const live = await tableChecksums(rt.db, [...tickets.tables, ...messages.tables])
    for (const projection of [tickets, messages]) await rebuildReadModel({ db: rt.db, transport: rt.transport, projection, log: rt.log })
    assert.deepEqual(await tableChecksums(rt.db, [...tickets.tables, ...messages.tables]), live)
  })
})
