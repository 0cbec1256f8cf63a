import kafkajs, { Kafka, Partitioners, logLevel, type Admin, type Consumer, type Producer, type IHeaders } from 'kafkajs'
import type { EventCodec } from '../codec.js'
import type { Logger } from '../log.js'
import { Topics, type Topic } from '../../schemas/index.js'
import { metrics } from '../metrics.js'
import { stamped } from '../correlation.js'
import { deliver, deliverBatch, type DeliveryHooks, type DeliveryPolicy, type RawRecord } from './delivery.js'
import type { Health } from '../health.js'
import { topicConfig } from './retention.js'
import type { OutgoingEvent, PartitionPosition, SubscribeOptions, Subscription, Transport } from './contract.js'

// A CommonJS export Node's named-import detection misses.
const { ConfigResourceTypes } = kafkajs

type TopicBatch = { topic: string; messages: { key: string | null; value: Buffer; headers?: IHeaders }[] }

/**
 * One request in flight, the rest gathered behind it. An idempotent producer has one request in
 * flight, so concurrent sends would queue for a round trip each: under load the gateway's 202s
 * waited seconds behind one another. An offset commit is a round trip per partition's chunk too.
 * Calls that arrive while one is in flight leave together as the next request (`merge` makes one
 * request's items of theirs, in the order they came, so order per key holds), and each caller
 * settles with the request that carried its items. If a shared request fails, each caller's items
 * are tried on their own, so one bad event fails one caller.
 *
 * `gatherTurn`: the first request also waits for the calls made in the same turn of the event
 * loop, so work started together (the batches of one fetch) leaves as one request, not as a
 * lone first one and the rest behind it.
 */
export function coalescing<T>(send: (items: T[]) => Promise<void>, merge: (items: T[]) => T[], opts: { gatherTurn?: boolean } = {}): (items: T[]) => Promise<void> {
  let queued: { items: T[]; resolve(): void; reject(err: unknown): void }[] = []
  let flushing = false
  const flush = async () => {
    flushing = true
    if (opts.gatherTurn) await new Promise<void>((r) => setImmediate(r))
    while (queued.length) {
      const callers = queued
      queued = []
      try {
        await send(merge(callers.flatMap((c) => c.items)))
        for (const c of callers) c.resolve()
      } catch (err) {
        if (callers.length === 1) callers[0]!.reject(err)
        else for (const c of callers) await send(c.items).then(c.resolve, c.reject)
      }
    }
    flushing = false
  }
  return (items) =>
    new Promise<void>((resolve, reject) => {
      queued.push({ items, resolve, reject })
      if (!flushing) void flush()
    })
}

/** Batches for the same topic become one, their messages in arrival order. */
export function mergeBatches(batches: TopicBatch[]): TopicBatch[] {
  const byTopic = new Map<string, TopicBatch['messages']>()
  for (const b of batches) {
    const list = byTopic.get(b.topic)
    if (list) list.push(...b.messages)
    else byTopic.set(b.topic, [...b.messages])
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }))
}

type CommitPosition = { topic: string; partition: number; offset: string }

/** Commits of one partition become its furthest: a commit never moves a partition back. */
export function furthestPerPartition(positions: CommitPosition[]): CommitPosition[] {
  const at = new Map<string, CommitPosition>()
  for (const p of positions) {
    const key = `${p.topic}\u0000${p.partition}`
    const seen = at.get(key)
    if (!seen || BigInt(p.offset) > BigInt(seen.offset)) at.set(key, p)
  }
  return [...at.values()]
}

/** Events per offset commit within a fetched batch. */
const BATCH_CHUNK = 100
/** At most this many events in one call of a batch handler (one projection transaction), catching up included. */
const MAX_BATCH_EVENTS = 1000

/**
 * Kafka through kafkajs: an idempotent producer with acks=all, consumer groups with manual commits
 * (an offset is committed only after the handler succeeded or the event was dead-lettered).
 */
export function kafkaTransport(opts: {
  brokers: string[]
  clientId: string
  partitions: number
  /** How long the group waits for a silent member (a SIGKILLed pod) before giving its partitions to others. */
  sessionTimeoutMs?: number
  codec: EventCodec & { registerAll(): Promise<void> }
  policy: DeliveryPolicy
  log: Logger
  topicPrefix?: string
  health?: Health
}): Transport {
  const { codec, policy, log } = opts
  const prefix = opts.topicPrefix ?? ''
  const physical = (t: string) => prefix + t
  const logical = (t: string) => t.slice(prefix.length) as Topic
  const kafka = new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 200 },
    logCreator: () => ({ namespace, level, log: entry }) => {
      const { message, ...rest } = entry
      const fields = { kafka: namespace, ...rest }
      // Bounded retries are deliberate: a publish that cannot reach Kafka must fail (the gateway
      // answers 503) rather than hang. kafkajs warns about that on every producer; say it once.
      if (String(message).startsWith('Limiting retries for the idempotent producer')) return
      if (level <= logLevel.ERROR) log.error(message, fields)
      else log.warn(message, fields)
    },
  })
  const consumers = new Set<Consumer>()
  const producers: Producer[] = []
  /** Every request a client of this transport sends, by API: where the broker's work comes from. */
  const countRequest = (e: { payload: { apiName: string } }) => metrics.kafkaRequests.inc({ api: e.payload.apiName })

  /**
   * An idempotent producer (acks=all) allows one request in flight, so every send on it waits for
   * the previous one: one producer per consumer group (and one for everything else) keeps the
   * groups of an all-in-one process from queueing behind each other.
   */
  function lazyProducer() {
    let connecting: Promise<Producer> | undefined
    const get = () => {
      connecting ??= (async () => {
        const p = kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          allowAutoTopicCreation: false,
          createPartitioner: Partitioners.DefaultPartitioner,
        })
        producers.push(p)
        p.on(p.events.REQUEST, countRequest)
        await p.connect()
        return p
      })().catch((err) => {
        connecting = undefined
        throw err
      })
      return connecting
    }
    const close = async () => {
      const p = await connecting?.catch(() => undefined)
      connecting = undefined
      if (!p) return
      producers.splice(producers.indexOf(p), 1)
      await p.disconnect().catch(() => undefined)
    }
    return { get, close }
  }

  function sender(getProducer: () => Promise<Producer>) {
    return coalescing(async (batches: TopicBatch[]) => {
      const p = await getProducer()
      await p.sendBatch({ acks: -1, topicMessages: batches.map((b) => ({ topic: physical(b.topic), messages: b.messages })) })
      for (const b of batches) metrics.eventsPublished.inc({ topic: b.topic }, b.messages.length)
    }, mergeBatches)
  }

  function publisher(send: ReturnType<typeof sender>) {
    return async (events: OutgoingEvent[]) => {
      const byTopic = new Map<string, { key: string | null; value: Buffer; headers?: IHeaders }[]>()
      for (const e of stamped(events)) {
        const list = byTopic.get(e.topic) ?? []
        list.push({ key: e.key, value: await codec.encode(e.topic, e.value), headers: e.headers })
        byTopic.set(e.topic, list)
      }
      await send([...byTopic].map(([topic, messages]) => ({ topic, messages })))
    }
  }

  const send = sender(lazyProducer().get)

  /** Topics made elsewhere (by ops, or before retention was declared) are left as they are, but said. */
  async function warnOnShortRetention(admin: Admin, topics: Topic[]) {
    if (!topics.length) return
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: physical(t), configNames: ['retention.ms'] })),
    })
    for (const r of described.resources) {
      const ms = r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue
      if (ms !== undefined && ms !== '-1') {
        log.warn('topic keeps events for a limited time; a rebuild of the read models would miss older ones', { topic: r.resourceName, retention_ms: ms })
      }
    }
  }

  // One admin connection for positions, opened on first use: lag is read every few seconds.
  let adminConnecting: Promise<Admin> | undefined
  const positionsAdmin = () => {
    adminConnecting ??= (async () => {
      const a = kafka.admin()
      a.on(a.events.REQUEST, countRequest)
      await a.connect()
      return a
    })().catch((err) => {
      adminConnecting = undefined
      throw err
    })
    return adminConnecting
  }

  const transport: Transport = {
    kind: 'kafka',
    async prepare() {
      const admin = kafka.admin()
      await admin.connect()
      try {
        const existing = new Set(await admin.listTopics())
        const wanted = Object.values(Topics).filter((t) => !existing.has(physical(t)))
        if (wanted.length) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: wanted.map((topic) => ({
              topic: physical(topic),
              numPartitions: opts.partitions,
              // Full history: the read models are rebuilt from it (retention.ts).
              configEntries: Object.entries(topicConfig(topic)).map(([name, value]) => ({ name, value })),
            })),
          })
        }
        await warnOnShortRetention(admin, Object.values(Topics).filter((t) => existing.has(physical(t))))
      } finally {
        await admin.disconnect()
      }
      await codec.registerAll()
    },
    publish: publisher(send),
    publishRaw: (topic, key, value, headers) => send([{ topic, messages: [{ key, value, headers }] }]),

    async subscribe<T extends Topic>(options: SubscribeOptions<T>): Promise<Subscription> {
      const groupProducer = lazyProducer()
      const publish = publisher(sender(groupProducer.get))
      const sessionTimeout = opts.sessionTimeoutMs ?? 30_000
      // Heartbeats a tenth of the session apart (kafkajs' 3 s at its 30 s default) keep the
      // rebalance after a restart as quick as the session allows.
      const consumer = kafka.consumer({
        groupId: prefix + options.group, allowAutoTopicCreation: false, retry: { retries: 10 },
        sessionTimeout, heartbeatInterval: Math.max(1_000, Math.floor(sessionTimeout / 10)),
      })
      consumers.add(consumer)
      consumer.on(consumer.events.REQUEST, countRequest)
      // The partitions worked concurrently would each commit in a round trip of their own.
      const commit = coalescing((positions: CommitPosition[]) => consumer.commitOffsets(positions), furthestPerPartition, { gatherTurn: true })
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()))
      const stopping = new AbortController()
      // Ready means joined and running: kafkajs restarts a crashed consumer unless it gave up.
      let state = 'joining'
      consumer.on(consumer.events.GROUP_JOIN, () => (state = 'running'))
      consumer.on(consumer.events.CRASH, (e) => (state = e.payload.restart ? 'restarting after a crash' : `stopped after a crash: ${e.payload.error.message}`))
      consumer.on(consumer.events.REBALANCING, () => (state = 'rebalancing'))
      const unregister = opts.health?.addCheck(`consumer ${options.group}`, async () => {
        if (state !== 'running') throw new Error(state)
      })
      // kafkajs hands each partition's batch to eachBatch on its own. A batch handler (a
      // projection) gets the batches of a fetch in one call, one transaction and one commit,
      // instead of one of each per partition. Calls never overlap, so the group's transactions
      // never wait on each other's row locks: side by side, one per partition, they deadlocked
      // (the tickets upsert averaged 2 ms, nearly all of it waiting). A stage's transaction is
      // one event's and short, so its partitions are simply worked side by side.
      const { handleBatch } = options
      const concurrency = Math.max(1, opts.partitions) * (handleBatch ? options.topics.length : 1)
      const chunkSize = handleBatch ? Math.max(10, Math.floor(MAX_BATCH_EVENTS / concurrency)) : BATCH_CHUNK
      type Held = { record: RawRecord; hooks: DeliveryHooks }
      const together = handleBatch
        ? coalescing(async (held: Held[]) => {
            const hooksOf = new Map(held.map((h) => [h.record, h.hooks]))
            await deliverBatch(held.map((h) => h.record), options.group, codec, handleBatch, options.handle, publish, policy, log, (r) => hooksOf.get(r)!)
          }, (held) => held, { gatherTurn: true })
        : undefined
      // The batches of one fetch start together; the next fetch waits until restMs after that.
      let working = 0
      let fetchedAt = 0
      await consumer.connect()
      await consumer.subscribe({ topics: options.topics.map(physical), fromBeginning: true })
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: concurrency,
        // A fetched batch is worked through in chunks with one offset commit each (and, for a
        // projection, one database transaction each), not one round trip per event. A crash
        // mid-chunk delivers its handled events again, which every handler is built to absorb.
        eachBatch: async ({ batch, resolveOffset, heartbeat, pause, isRunning, isStale }) => {
          if (working++ === 0) fetchedAt = Date.now()
          try {
            const { topic, partition } = batch
            // While its event waits on a fault the partition fetches nothing more, and the
            // heartbeat keeps the group from handing it to another member mid-retry.
            const hooks: DeliveryHooks = { heartbeat, pause, health: opts.health, signal: stopping.signal }
            const records = batch.messages.map((message): RawRecord => {
              const headers: Record<string, string> = {}
              for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = Array.isArray(v) ? String(v[0]) : String(v)
              return { topic: logical(topic), partition, offset: message.offset, key: message.key ? message.key.toString() : null, value: message.value ?? Buffer.alloc(0), headers }
            })
            for (let i = 0; i < records.length && isRunning() && !isStale(); i += chunkSize) {
              const chunk = records.slice(i, i + chunkSize)
              let last: string | undefined
              if (together) {
                await together(chunk.map((record) => ({ record, hooks })))
                last = chunk.at(-1)!.offset
              } else {
                for (const record of chunk) {
                  if (!isRunning() || isStale()) break
                  await deliver(record, options.group, codec, options.handle, publish, policy, log, hooks)
                  last = record.offset
                }
              }
              if (last === undefined) break
              resolveOffset(last)
              await commit([{ topic, partition, offset: (BigInt(last) + 1n).toString() }])
              await heartbeat()
            }
            const rest = fetchedAt + (options.restMs ?? 0) - Date.now()
            if (rest > 0 && isRunning()) await new Promise((r) => setTimeout(r, rest))
          } finally {
            working--
          }
        },
      })
      // Resolve once partitions are assigned, so a caller can publish and know it will be seen.
      await Promise.race([joined, new Promise((r) => setTimeout(r, 30_000))])
      return {
        group: options.group,
        topics: options.topics,
        async stop() {
          consumers.delete(consumer)
          stopping.abort()
          unregister?.()
          await consumer.disconnect()
          await groupProducer.close()
        },
      }
    },
    async positions(group, topics) {
      const admin = await positionsAdmin()
      const out: PartitionPosition[] = []
      const committed = await admin.fetchOffsets({ groupId: prefix + group, topics: topics.map(physical) })
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(physical(topic))
        const done = committed.find((c) => c.topic === physical(topic))?.partitions ?? []
        for (const p of ends) {
          const low = Number(p.low)
          const high = Number(p.high)
          const at = Number(done.find((d) => d.partition === p.partition)?.offset ?? -1)
          // -1: the group never committed here, so it starts from the oldest event kept.
          out.push({ topic, partition: p.partition, size: high - low, lag: high - (at >= low ? at : low), trimmed: low > 0 })
        }
      }
      return out
    },
    async probe() {
      await (await positionsAdmin()).describeCluster()
    },
    async close() {
      await (adminConnecting?.then((a) => a.disconnect()).catch(() => undefined))
      adminConnecting = undefined
      await Promise.all([...consumers].map((c) => c.disconnect().catch(() => undefined)))
      consumers.clear()
      await Promise.all(producers.splice(0).map((p) => p.disconnect().catch(() => undefined)))
    },
  }
  return transport
}
