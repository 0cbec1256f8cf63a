import { EventEmitter } from 'node:events'
import type { Db } from '../db.js'
import type { EventCodec } from '../codec.js'
import type { Logger } from '../log.js'
import type { Topic } from '../../schemas/index.js'
import { metrics } from '../metrics.js'
import { stamped } from '../correlation.js'
import { deliver, deliverBatch, type DeliveryPolicy, type RawRecord } from './delivery.js'
import type { Health } from '../health.js'
import type { OutgoingEvent, SubscribeOptions, Subscription, Transport } from './contract.js'

/**
 * The durable log in the embedded database: table event_log (one partition per topic, offset =
 * row sequence) and consumer_offsets per group. Made for one process (npm start); a group has one
 * active consumer. Publishers in the same process wake consumers at once; a slow poll covers the rest.
 */
export function embeddedTransport(opts: {
  db: Db
  codec: EventCodec & { registerAll(): Promise<void> }
  policy: DeliveryPolicy
  log: Logger
  topicPrefix?: string
  pollIntervalMs?: number
  batchSize?: number
  health?: Health
}): Transport {
  const { db, codec, policy, log } = opts
  const prefix = opts.topicPrefix ?? ''
  const physical = (t: string) => prefix + t
  const logical = (t: string) => t.slice(prefix.length) as Topic
  const wake = new EventEmitter()
  wake.setMaxListeners(0)
  const subscriptions = new Set<Subscription>()

  async function append(rows: { topic: string; key: string | null; value: Buffer; headers: Record<string, string> }[]) {
    if (rows.length === 0) return
    await db.transaction(async (tx) => {
      for (const r of rows) {
        await tx.query('INSERT INTO event_log (topic, key, value, headers) VALUES ($1, $2, $3, $4)', [
          physical(r.topic), r.key, r.value, JSON.stringify(r.headers),
        ])
      }
    })
    // Wake only the consumers of these topics: every loop polling on every publish starves the
    // single PGlite session (and with it the gateway) under load.
    for (const topic of new Set(rows.map((r) => r.topic))) {
      metrics.eventsPublished.inc({ topic }, rows.filter((r) => r.topic === topic).length)
      wake.emit(topic)
    }
  }

  const transport: Transport = {
    kind: 'embedded',
    prepare: () => codec.registerAll(),
    async publish(events: OutgoingEvent[]) {
      const rows = []
      for (const e of stamped(events)) rows.push({ topic: e.topic, key: e.key, value: await codec.encode(e.topic, e.value), headers: e.headers ?? {} })
      await append(rows)
    },
    publishRaw: (topic, key, value, headers = {}) => append([{ topic, key, value, headers }]),

    async subscribe<T extends Topic>(options: SubscribeOptions<T>) {
      const topics = options.topics.map(physical)
      const group = prefix + options.group
      let running = true
      const stopping = new AbortController()
      let pending = true
      let nudge: () => void = () => undefined
      const onPublished = () => {
        pending = true
        nudge()
      }
      for (const t of options.topics) wake.on(t, onPublished)

      const loop = async () => {
        while (running) {
          pending = false
          const polledAt = Date.now()
          let rows: { topic: string; seq: number; key: string | null; value: Uint8Array; headers: Record<string, string> | string }[] = []
          try {
            rows = (
              await db.query<(typeof rows)[number]>(
                `SELECT e.topic, e.seq, e.key, e.value, e.headers
                   FROM event_log e
                   LEFT JOIN consumer_offsets o ON o.group_id = $1 AND o.topic = e.topic
                  WHERE e.topic = ANY($2::text[]) AND e.seq > COALESCE(o.committed, 0)
                  ORDER BY e.seq
                  LIMIT $3`,
                [group, topics, opts.batchSize ?? 100],
              )
            ).rows
          } catch (err) {
            if (!running) break
            log.error('embedded log poll failed', { group, error: (err as Error).message })
            await new Promise((r) => setTimeout(r, opts.pollIntervalMs ?? 500))
            continue
          }
          const records: RawRecord[] = rows.map((row) => ({
            topic: logical(row.topic),
            partition: 0,
            offset: String(row.seq),
            key: row.key,
            value: Buffer.from(row.value),
            headers: typeof row.headers === 'string' ? JSON.parse(row.headers) : row.headers,
          }))
          const hooks = { health: opts.health, signal: stopping.signal }
          const commit = async (upTo: typeof rows) => {
            const last = new Map<string, number>()
            for (const r of upTo) last.set(r.topic, Math.max(last.get(r.topic) ?? 0, Number(r.seq)))
            for (const [topic, seq] of last) {
              await db.query(
                `INSERT INTO consumer_offsets (group_id, topic, committed) VALUES ($1, $2, $3)
                 ON CONFLICT (group_id, topic) DO UPDATE SET committed = GREATEST(consumer_offsets.committed, EXCLUDED.committed)`,
                [group, topic, seq],
              )
            }
          }
          try {
            if (options.handleBatch && records.length > 1 && running) {
              await deliverBatch(records, options.group, codec, options.handleBatch, options.handle, transport.publish, policy, log, () => hooks)
              await commit(rows)
            } else {
              for (const [i, record] of records.entries()) {
                if (!running) break
                await deliver(record, options.group, codec, options.handle, transport.publish, policy, log, hooks)
                await commit([rows[i]!])
              }
            }
          } catch (err) {
            // Not committed: the same records come back on the next pass (or after a restart).
            if (running) log.error('delivery failed; will redeliver', { group, error: (err as Error).message })
            pending = true
            continue
          }
          if (rows.length > 0) {
            const rest = polledAt + (options.restMs ?? 0) - Date.now()
            if (rest > 0 && running) await new Promise((r) => setTimeout(r, rest))
            continue
          }
          if (!pending && running) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, opts.pollIntervalMs ?? 500)
              nudge = () => {
                clearTimeout(timer)
                resolve()
              }
            })
            nudge = () => undefined
          }
        }
      }
      const done = loop()
      const sub: Subscription = {
        group: options.group,
        topics: options.topics,
        async stop() {
          running = false
          stopping.abort()
          for (const t of options.topics) wake.off(t, onPublished)
          nudge()
          await done
          subscriptions.delete(sub)
        },
      }
      subscriptions.add(sub)
      return sub
    },
    async positions(group, topics) {
      const rows = (
        await db.query<{ topic: string; size: number; lag: number }>(
          `SELECT t.topic, count(e.seq)::int AS size, count(e.seq) FILTER (WHERE e.seq > COALESCE(o.committed, 0))::int AS lag
             FROM unnest($2::text[]) AS t(topic)
             LEFT JOIN event_log e ON e.topic = t.topic
             LEFT JOIN consumer_offsets o ON o.group_id = $1 AND o.topic = t.topic
            GROUP BY t.topic`,
          [prefix + group, topics.map(physical)],
        )
      ).rows
      // The embedded log never deletes an event.
      return rows.map((r) => ({ topic: logical(r.topic), partition: 0, size: r.size, lag: r.lag, trimmed: false }))
    },
    async probe() {
      await db.query('SELECT 1 FROM event_log LIMIT 1')
    },
    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()))
    },
  }
  return transport
}
