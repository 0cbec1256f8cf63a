/**
 * The transport contract suite, as a function each transport's spec calls with its own harness
 * (platform/transport/kafka.int.spec.ts, embedded.int.spec.ts). See contract.ts for the semantics
 * under test.
 */
import { describe, it, before, after, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { Topics, type DeadLetter, type InboundMessage } from '../schemas/index.js'
import { MAGIC_BYTE } from '../platform/codec.js'
import { PermanentError, type DeliveredEvent, type Transport } from '../platform/transport/contract.js'
import { eventually, uniqueName } from './stack.js'
import { createHealth, type Health } from '../platform/health.js'

/** The delivery policy every harness should give its transports: the suite counts attempts against it. */
export const contractPolicy = { maxAttempts: 3, retryBackoffMs: 10, maxBackoffMs: 100 }
const policy = contractPolicy

/** A web-form message numbered n from the customer `key`, as the suite publishes them. */
export function message(n: number, key = 'k'): InboundMessage {
  return {
    event_id: `evt-${key}-${n}`,
    occurred_at: 1_700_000_000_000 + n,
    channel: 'web_form',
    channel_message_id: `m-${n}`,
    ticket_id: null,
    sender: { name: 'Ada', email: `${key}@example.com`, phone: null, verified: false },
    subject: null,
    category: null,
    priority: null,
    content: `message ${n}`,
    thread_id: null,
    follow_up_of: null,
  }
}

export interface TransportHarness {
  /** A transport with a fresh topic namespace, reporting stalled partitions to `health` when given. */
  transport(prefix?: string, health?: Health): Transport
  /** Reopen the same storage as a new process would; left out where the storage is durable by itself (a broker). */
  restart?(): Promise<void>
  close(): Promise<void>
}

export function transportContract(name: string, skip: string | undefined, open: () => Promise<TransportHarness>) {
  describe(`transport contract: ${name}`, { skip }, () => {
    let h: TransportHarness
    const opened: Transport[] = []
    before(async () => {
      const raw = await open()
      // Every transport a test opens is closed after it, pass or fail, so no consumer outlives its test.
      h = { ...raw, transport: (prefix, health) => { const t = raw.transport(prefix, health); opened.push(t); return t } }
    })
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((t) => t.close().catch(() => undefined)))
    })
    after(async () => h?.close())

    it('delivers published events to a consumer group with key, headers and value intact, in order per key', async () => {
      const t = h.transport()
      await t.prepare()
      const got: DeliveredEvent<typeof Topics.ticketsIncoming>[] = []
      const sub = await t.subscribe({ group: 'g1', topics: [Topics.ticketsIncoming], handle: async (e) => void got.push(e as DeliveredEvent<typeof Topics.ticketsIncoming>) })
      await t.publish([1, 2, 3].map((n) => ({ topic: Topics.ticketsIncoming, key: 'alice', value: message(n, 'alice'), headers: { trace: `t${n}` } })))
      await eventually(async () => got.length >= 3, { what: '3 events' })
      assert.deepEqual(got.map((e) => e.value.content), ['message 1', 'message 2', 'message 3'])
      assert.deepEqual(got.map((e) => e.key), ['alice', 'alice', 'alice'])
      assert.equal(got[0]!.headers.trace, 't1')
      assert.deepEqual({ ...got[0]!.value, sender: { ...got[0]!.value.sender } }, message(1, 'alice'))
      await sub.stop()
      await t.close()
    })

    it('tells each group its lag: everything before it runs, nothing once it has handled all', async () => {
      const t = h.transport()
      await t.prepare()
      await t.publish([1, 2, 3].map((n) => ({ topic: Topics.ticketsIncoming, key: `k${n}`, value: message(n, `lag${n}`) })))
      const sum = async (group: string) => {
        const ps = await t.positions(group, [Topics.ticketsIncoming])
        assert.ok(ps.every((p) => p.topic === Topics.ticketsIncoming && p.trimmed === false), 'a fresh topic holds every event it was given')
        return { size: ps.reduce((n, p) => n + p.size, 0), lag: ps.reduce((n, p) => n + p.lag, 0) }
      }
      assert.deepEqual(await sum('g-lag'), { size: 3, lag: 3 }, 'a group that never ran has every event ahead of it')
      const seen: string[] = []
      const sub = await t.subscribe({ group: 'g-lag', topics: [Topics.ticketsIncoming], handle: async (e) => void seen.push(e.value.event_id) })
      await eventually(async () => (await sum('g-lag')).lag === 0, { what: 'lag 0' })
      assert.equal(seen.length, 3)
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'k4', value: message(4, 'lag4') }])
      await eventually(async () => seen.length === 4, { what: 'the fourth event' })
      await eventually(async () => (await sum('g-lag')).lag === 0, { what: 'lag 0 again' })
      assert.deepEqual(await sum('g-lag'), { size: 4, lag: 0 })
      assert.deepEqual(await sum('g-other'), { size: 4, lag: 4 }, 'groups are counted apart')
      await sub.stop()
      await t.close()
    })

    it('gives every consumer group its own copy of each event', async () => {
      const t = h.transport()
      await t.prepare()
      const a: string[] = []
      const b: string[] = []
      const s1 = await t.subscribe({ group: 'ga', topics: [Topics.ticketsIncoming], handle: async (e) => void a.push(e.value.event_id) })
      const s2 = await t.subscribe({ group: 'gb', topics: [Topics.ticketsIncoming], handle: async (e) => void b.push(e.value.event_id) })
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'x', value: message(1, 'x') }])
      await eventually(async () => a.length === 1 && b.length === 1, { what: 'both groups' })
      await Promise.all([s1.stop(), s2.stop()])
      await t.close()
    })

    it('retries a failing handler and commits only after it succeeds', async () => {
      const t = h.transport()
      await t.prepare()
      let calls = 0
      const handled: string[] = []
      const sub = await t.subscribe({
        group: 'g-retry',
        topics: [Topics.ticketsIncoming],
        handle: async (e) => {
          calls++
          if (calls === 1) throw new Error('transient: database busy')
          handled.push(e.value.event_id)
        },
      })
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'r', value: message(1, 'r') }])
      await eventually(async () => handled.length === 1, { what: 'the retried event' })
      assert.equal(calls, 2)
      await sub.stop()

      // Same group again: the committed event is not delivered twice; only new ones arrive.
      const again: string[] = []
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'r', value: message(2, 'r') }])
      const sub2 = await t.subscribe({ group: 'g-retry', topics: [Topics.ticketsIncoming], handle: async (e) => void again.push(e.value.event_id) })
      await eventually(async () => again.length >= 1, { what: 'the next event' })
      await new Promise((r) => setTimeout(r, 500))
      assert.deepEqual(again, ['evt-r-2'])
      await sub2.stop()
      await t.close()
    })

    it('retries a transient fault for as long as it lasts, never dead-letters it, and reports the partition stalled meanwhile', async () => {
      const health = createHealth()
      const t = h.transport(undefined, health)
      await t.prepare()
      const letters: DeadLetter[] = []
      const dlq = await t.subscribe({ group: 'dlq-transient', topics: [Topics.dlq], handle: async (e) => void letters.push(e.value) })
      let down = true
      let attempts = 0
      const handled: string[] = []
      const sub = await t.subscribe({
        group: 'g-transient',
        topics: [Topics.ticketsIncoming],
        handle: async (e) => {
          attempts++
          // What pg throws while the database is down.
          if (down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
          handled.push(e.value.event_id)
        },
      })
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'tr', value: message(1, 'tr') }])
      const stall = await eventually(async () => (attempts > policy.maxAttempts * 2 ? health.stalls().find((s) => s.group === 'g-transient') : undefined), {
        what: 'retries past maxAttempts with the partition reported stalled',
      })
      assert.match(stall.error, /ECONNREFUSED/)
      assert.equal((await health.readiness()).state, 'starting', 'a process that never started is not ready either')
      health.started()
      assert.equal((await health.readiness()).ready, false, 'not ready while a partition waits on a fault')
      down = false
      await eventually(async () => handled.length === 1, { what: 'the event once the fault passed' })
      assert.deepEqual(handled, ['evt-tr-1'])
      assert.equal(health.stalls().length, 0, 'the stall is cleared once the event passed')
      assert.equal((await health.readiness()).ready, true, 'ready again')
      await new Promise((r) => setTimeout(r, 300))
      assert.deepEqual(letters, [], 'nothing dead-lettered for a transient fault')
      await Promise.all([sub.stop(), dlq.stop()])
      await t.close()
    })

    it('sends an event whose handler keeps failing to the DLQ with the reason, and carries on', async () => {
      const t = h.transport()
      await t.prepare()
      const letters: DeadLetter[] = []
      const dlq = await t.subscribe({ group: 'dlq-reader', topics: [Topics.dlq], handle: async (e) => void letters.push(e.value) })
      let attempts = 0
      const ok: string[] = []
      const sub = await t.subscribe({
        group: 'g-poison',
        topics: [Topics.ticketsIncoming],
        handle: async (e) => {
          const m = e.value
          if (m.content === 'message 1') {
            attempts++
            throw new Error('cannot handle message 1')
          }
          ok.push(m.event_id)
        },
      })
      await t.publish([1, 2].map((n) => ({ topic: Topics.ticketsIncoming, key: 'p', value: message(n, 'p') })))
      await eventually(async () => letters.length === 1 && ok.length === 1, { what: 'one dead letter and one handled event' })
      assert.equal(attempts, policy.maxAttempts)
      const letter = letters[0]!
      assert.equal(letter.source_topic, Topics.ticketsIncoming)
      assert.equal(letter.group_id, 'g-poison')
      assert.equal(letter.attempts, policy.maxAttempts)
      assert.match(letter.error, /cannot handle message 1/)
      assert.equal(letter.key, 'p')
      // The original bytes are kept whole (Confluent-framed Avro), so the event can be replayed.
      assert.equal(letter.original_value[0], MAGIC_BYTE)
      assert.deepEqual(ok, ['evt-p-2'])
      await Promise.all([sub.stop(), dlq.stop()])
      await t.close()
    })

    it('dead-letters at once, without retrying, an error marked permanent and bytes that are not an event', async () => {
      const t = h.transport()
      await t.prepare()
      const letters: DeadLetter[] = []
      const dlq = await t.subscribe({ group: 'dlq-reader', topics: [Topics.dlq], handle: async (e) => void letters.push(e.value) })
      let calls = 0
      const ok: string[] = []
      const sub = await t.subscribe({
        group: 'g-perm',
        topics: [Topics.ticketsIncoming],
        handle: async (e) => {
          calls++
          const m = e.value
          if (m.content === 'message 1') throw new PermanentError('no usable identity')
          ok.push(m.event_id)
        },
      })
      await t.publishRaw(Topics.ticketsIncoming, 'junk', Buffer.from('{"not":"avro"}'))
      await t.publish([1, 2].map((n) => ({ topic: Topics.ticketsIncoming, key: 'q', value: message(n, 'q') })))
      await eventually(async () => letters.length === 2 && ok.length === 1, { what: 'two dead letters and one handled event' })
      assert.equal(calls, 2, 'the poison bytes never reach the handler; the permanent error is not retried')
      const poison = letters.find((l) => l.key === 'junk')!
      assert.match(poison.error, /not Confluent wire format/)
      assert.equal(poison.original_value.toString(), '{"not":"avro"}')
      const permanent = letters.find((l) => l.key === 'q')!
      assert.equal(permanent.attempts, 1)
      assert.match(permanent.error, /PermanentError: no usable identity/)
      await Promise.all([sub.stop(), dlq.stop()])
      await t.close()
    })

    it('hands a batch handler runs of events in order, and on its failure handles each on its own: the bad one dead-lettered, the rest once', async () => {
      const t = h.transport()
      await t.prepare()
      const letters: DeadLetter[] = []
      const dlq = await t.subscribe({ group: 'dlq-reader', topics: [Topics.dlq], handle: async (e) => void letters.push(e.value) })
      // Published before the group exists, so the first fetch holds them all.
      await t.publish([1, 2, 3, 4, 5, 6].map((n) => ({ topic: Topics.ticketsIncoming, key: 'b', value: message(n, 'b') })))
      const batches: string[][] = []
      const kept: string[] = []
      const one: string[] = []
      const sub = await t.subscribe({
        group: 'g-batch',
        topics: [Topics.ticketsIncoming],
        handleBatch: async (events) => {
          const contents = events.map((e) => e.value.content)
          batches.push(contents)
          // All or nothing: a batch holding the bad event keeps none of it.
          if (contents.includes('message 4')) throw new Error('message 4 cannot be applied')
          kept.push(...contents)
        },
        handle: async (e) => {
          if (e.value.content === 'message 4') throw new PermanentError('message 4 cannot be applied')
          one.push(e.value.content)
        },
      })
      await eventually(async () => letters.length === 1 && kept.length + one.length === 5, { what: 'five events handled and one dead-lettered' })
      assert.ok(batches.some((b) => b.length > 1), `events came in batches: ${JSON.stringify(batches)}`)
      for (const b of batches) assert.deepEqual(b, [...b].sort(), 'in order within a batch')
      assert.deepEqual([...kept, ...one].sort(), ['message 1', 'message 2', 'message 3', 'message 5', 'message 6'], 'each handled once, the bad one never')
      assert.match(letters[0]!.error, /message 4 cannot be applied/)
      await Promise.all([sub.stop(), dlq.stop()])
      await t.close()
    })

    it('with restMs, gathers what is published while the group rests into one batch, after reading the first event at once', async () => {
      const t = h.transport()
      await t.prepare()
      const calls: string[][] = []
      const sub = await t.subscribe({
        group: 'g-rest',
        topics: [Topics.ticketsIncoming],
        restMs: 1000,
        handleBatch: async (events) => void calls.push(events.map((e) => e.value.content)),
        handle: async (e) => void calls.push([e.value.content]),
      })
      const sent = Date.now()
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'r', value: message(1, 'r') }])
      await eventually(async () => calls.length === 1, { what: 'the first event handled' })
      assert.ok(Date.now() - sent < 900, `an idle group reads its first event without resting first (${Date.now() - sent} ms)`)
      // One by one, each its own publish, well inside the rest.
      for (const n of [2, 3, 4, 5]) await t.publish([{ topic: Topics.ticketsIncoming, key: 'r', value: message(n, 'r') }])
      await eventually(async () => calls.flat().length === 5, { what: 'all five handled' })
      assert.deepEqual(calls, [['message 1'], ['message 2', 'message 3', 'message 4', 'message 5']], 'the four published during the rest came as one batch, in order')
      await sub.stop()
      await t.close()
    })

    it('keeps events and committed offsets across a restart', async (ctx) => {
      if (!h.restart) return ctx.skip('the storage is durable by itself (a broker); nothing to reopen')
      const prefix = uniqueName('restart') + '.'
      let t = h.transport(prefix)
      await t.prepare()
      const first: string[] = []
      const sub = await t.subscribe({ group: 'g-durable', topics: [Topics.ticketsIncoming], handle: async (e) => void first.push(e.value.event_id) })
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'd', value: message(1, 'd') }])
      await eventually(async () => first.length === 1)
      await sub.stop()
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'd', value: message(2, 'd') }])
      await t.close()

      await h.restart!()
      t = h.transport(prefix)
      await t.prepare()
      const second: string[] = []
      const sub2 = await t.subscribe({ group: 'g-durable', topics: [Topics.ticketsIncoming], handle: async (e) => void second.push(e.value.event_id) })
      await eventually(async () => second.length >= 1)
      await new Promise((r) => setTimeout(r, 300))
      assert.deepEqual(second, ['evt-d-2'], 'the event published before the restart arrives; the committed one does not')
      await sub2.stop()
      await t.close()
    })
  })
}

