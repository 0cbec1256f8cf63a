/**
 * The floor under the pipeline's latency: bare kafkajs passing a message through as many hops as
 * a web-form ticket takes from submission to reply sent (incoming -> identity -> retrieval ->
 * decision -> outbound -> dispatch -> sent), with the same producer settings (idempotent,
 * acks=all), at the same fixed arrival rate, on the same broker. No decoding, no database, no
 * model: what is left is Kafka's own cost, so the pipeline's figure divided by this one says how
 * much the product adds.
 */
import { randomBytes } from 'node:crypto'
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs'
import { percentile } from './driver.js'

export const HOPS = 6

export interface RelayReport {
  sent: number
  arrived: number
  ms: { p50: number; p95: number; p99: number; max: number }
}

export async function runRelay(o: { brokers: string[]; rate: number; seconds: number; partitions?: number }): Promise<RelayReport> {
  const kafka = new Kafka({ clientId: 'fte-bench-relay', brokers: o.brokers, logLevel: logLevel.NOTHING })
  const run = randomBytes(4).toString('hex')
  const topics = Array.from({ length: HOPS + 1 }, (_, i) => `bench.relay.${run}.${i}`)
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: o.partitions ?? 3, replicationFactor: 1 })) })
  const producer = () => kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner })
  const producers: Producer[] = []
  const consumers: Consumer[] = []
  const latencies: number[] = []
  try {
    for (let hop = 0; hop <= HOPS; hop++) {
      const consumer = kafka.consumer({ groupId: `bench.relay.${run}.${hop}` })
      consumers.push(consumer)
      await consumer.connect()
      await consumer.subscribe({ topics: [topics[hop]!], fromBeginning: true })
      if (hop < HOPS) {
        const out = producer()
        producers.push(out)
        await out.connect()
        await consumer.run({
          partitionsConsumedConcurrently: o.partitions ?? 3,
          eachMessage: async ({ message }) => void (await out.send({ topic: topics[hop + 1]!, acks: -1, messages: [{ key: message.key, value: message.value }] })),
        })
      } else {
        await consumer.run({ eachMessage: async ({ message }) => void latencies.push(Date.now() - Number(message.value!.toString())) })
      }
    }
    // Joined groups only: give the last join a moment, as the pipeline's stages had at start-up.
    await new Promise((r) => setTimeout(r, 3000))
    const source = producer()
    producers.push(source)
    await source.connect()
    const total = Math.round(o.rate * o.seconds)
    const started = Date.now()
    const sends: Promise<unknown>[] = []
    for (let i = 0; i < total; i++) {
      const wait = started + (i * 1000) / o.rate - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      sends.push(source.send({ topic: topics[0]!, acks: -1, messages: [{ key: `k${i % 500}`, value: String(Date.now()) }] }))
    }
    await Promise.all(sends)
    const deadline = Date.now() + 60_000
    while (latencies.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    const sorted = [...latencies].sort((a, b) => a - b)
    return { sent: total, arrived: sorted.length, ms: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN } }
  } finally {
    await Promise.all([...consumers, ...producers].map((c) => c.disconnect().catch(() => undefined)))
    await admin.deleteTopics({ topics }).catch(() => undefined)
    await admin.disconnect()
  }
}
