import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import kafkajs, { Kafka } from 'kafkajs'
import { Topics } from '../../schemas/index.js'
import { avroCodec, registrySchemaStore } from '../codec.js'
import { kafkaTransport } from './kafka.js'
import type { Health } from '../health.js'
import { contractPolicy, transportContract } from '../../testing/transportContract.js'
import { noStack, stack, testLog, uniqueName } from '../../testing/stack.js'

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
