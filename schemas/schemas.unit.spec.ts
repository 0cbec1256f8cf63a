import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import avro from 'avsc'
import { Topics, topicSchemas } from './index.js'
import { frame, unframe } from '../platform/codec.js'

describe('event schemas', () => {
  it('gives every topic a valid Avro schema', () => {
    for (const topic of Object.values(Topics)) {
      const schema = topicSchemas[topic]
      assert.ok(schema, topic)
      assert.doesNotThrow(() => avro.Type.forSchema(schema as avro.Schema), topic)
    }
  })
  it('frames and unframes the Confluent wire format', () => {
    const bytes = frame(258, Buffer.from([7, 8]))
    assert.deepEqual([...bytes], [0, 0, 0, 1, 2, 7, 8])
    assert.deepEqual(unframe(bytes), { schemaId: 258, body: Buffer.from([7, 8]) })
    assert.throws(() => unframe(Buffer.from('{}')), /not Confluent wire format/)
  })
})
