import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import kafkajs, { Kafka } from 'kafkajs'
import { Topics } from '../../schemas/index.js'
import { avroCodec, registrySchemaStore } from '../codec.js'
import { kafkaTransport } from './kafka.js'
import { metrics } from '../metrics.js'
import type { Health } from '../health.js'
import { contractPolicy, message as inbound, transportContract } from '../../testing/transportContract.js'
import { eventually, noStack, stack, testLog, uniqueName } from '../../testing/stack.js'

// A CommonJS export Node's named-import detection misses.
const { ConfigResourceTypes } = kafkajs

const transport = (prefix = uniqueName('t') + '.', health?: Health) =>
  kafkaTransport({
    brokers: stack.kafkaBrokers!.split(','),
    clientId: 'contract-test',
    partitions: 2,
    codec: avroCodec(registrySchemaStore(stack.registryUrl!), (t) => prefix + t),
    policy: contractPolicy,
    log: testLog(),
    topicPrefix: prefix,
    health,
  })

transportContract('kafka', noStack, async () => ({ transport, close: async () => undefined }))

describe('a kafka batch handler', { skip: noStack }, () => {
  it('gets the batches of several partitions in one call, each partition in order, each event once', async () => {
    const prefix = uniqueName('b') + '.'
    const t = kafkaTransport({
      brokers: stack.kafkaBrokers!.split(','), clientId: 'batch-test', partitions: 6,
      codec: avroCodec(registrySchemaStore(stack.registryUrl!), (n) => prefix + n), policy: contractPolicy, log: testLog(), topicPrefix: prefix,
    })
    try {
      await t.prepare()
      const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
      // Published before the group exists, so its first fetch holds them all.
      await t.publish(keys.flatMap((key) => [1, 2, 3].map((n) => ({ topic: Topics.ticketsIncoming, key, value: inbound(n, key) }))))
      const produced = async () => (await metrics.kafkaRequests.get()).values.find((v) => v.labels.api === 'Produce')?.value ?? 0
      const producedBefore = await produced()
      await t.publish([{ topic: Topics.ticketsIncoming, key: 'a', value: inbound(4, 'a') }])
      assert.equal(await produced(), producedBefore + 1, 'one publish, one Produce request counted (fte_kafka_requests_total)')
      const calls: { partition: number; id: string }[][] = []
      const sub = await t.subscribe({
        group: 'g-partitions',
        topics: [Topics.ticketsIncoming],
        handleBatch: async (events) => void calls.push(events.map((e) => ({ partition: e.partition, id: e.value.event_id }))),
        handle: async (e) => void calls.push([{ partition: e.partition, id: e.value.event_id }]),
      })
      await eventually(async () => calls.flat().length === 25, { what: 'all 25 events handled' })
      await sub.stop()
      const partitions = new Set(calls.flat().map((e) => e.partition))
      assert.ok(partitions.size > 1, 'the keys spread over several partitions, or the case proves nothing')
      assert.ok(calls.length < partitions.size, `fewer calls (${calls.length}) than partitions holding events (${partitions.size}): ${JSON.stringify(calls)}`)
      assert.deepEqual(calls.flat().map((e) => e.id).sort(), [...keys.flatMap((key) => [1, 2, 3].map((n) => `evt-${key}-${n}`)), 'evt-a-4'].sort(), 'each event once')
      for (const call of calls) {
        for (const key of keys) {
          const mine = call.map((e) => e.id).filter((id) => id.startsWith(`evt-${key}-`))
          assert.deepEqual(mine, [...mine].sort(), `key ${key} in order within a call`)
        }
      }
    } finally {
      await t.close()
    }
  })
})

describe('kafka topics the app creates', { skip: noStack }, () => {
  it('keep their whole history (retention.ms and retention.bytes -1), so the read models can be rebuilt', async () => {
    const prefix = uniqueName('r') + '.'
    const t = transport(prefix)
    await t.prepare()
    await t.close()
    const admin = new Kafka({ clientId: 'retention-test', brokers: stack.kafkaBrokers!.split(',') }).admin()
    await admin.connect()
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: Object.values(Topics).map((name) => ({ type: ConfigResourceTypes.TOPIC, name: prefix + name, configNames: ['retention.ms', 'retention.bytes'] })),
      })
      assert.equal(resources.length, Object.values(Topics).length)
      for (const r of resources) {
        const value = (name: string) => r.configEntries.find((e) => e.configName === name)?.configValue
        assert.deepEqual([value('retention.ms'), value('retention.bytes')], ['-1', '-1'], r.resourceName)
      }
    } finally {
      await admin.disconnect()
    }
  })
})
