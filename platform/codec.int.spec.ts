/**
 * Schemas on the real registry (Apicurio, Confluent-compatible API) and in the embedded schema
 * store: the same rules. BACKWARD compatibility is enforced, bytes are Confluent-framed, and a
 * reader decodes data written with an older schema.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Topics, type Topic } from '../schemas/index.js'
import { avroCodec, localSchemaStore, registrySchemaStore, unframe, IncompatibleSchemaError, type SchemaStore } from './codec.js'
import { pgliteDb, type Db } from './db.js'
import { migrate } from './migrate.js'
import { noStack, stack, uniqueName } from '../testing/stack.js'

const v1 = { type: 'record', name: 'Probe', namespace: 'fte.test', fields: [{ name: 'id', type: 'string' }] }
const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: 'string', default: 'none' }] }
const incompatible = { ...v1, fields: [...v1.fields, { name: 'required_now', type: 'int' }] }
const topic = Topics.metrics as Topic

function schemaRules(name: string, skip: string | undefined, open: () => Promise<{ store: SchemaStore; close(): Promise<void> }>) {
  describe(`schema store: ${name}`, { skip }, () => {
    let store: SchemaStore
    let close: () => Promise<void>
    before(async () => ({ store, close } = await open()))
    after(async () => close?.())

    it('accepts a compatible evolution and rejects an incompatible one', async () => {
      const subject = `${uniqueName('probe')}-value`
      const id1 = await store.register(subject, v1)
      assert.equal(await store.register(subject, v1), id1, 'registering the same schema again returns the same id')
      const id2 = await store.register(subject, v2)
      assert.notEqual(id2, id1)
      await assert.rejects(store.register(subject, incompatible), IncompatibleSchemaError)
    })

    it('frames events in Confluent wire format and reads old data with a newer reader schema', async () => {
      const prefix = uniqueName('codec') + '.'
      const physical = (t: Topic) => prefix + t
      const writer = avroCodec(store, physical, { [topic]: v1 })
      const bytes = await writer.encode(topic, { id: 'abc' })
      const { schemaId } = unframe(bytes)
      assert.equal(bytes[0], 0)
      const reader = avroCodec(store, physical, { [topic]: v2 })
      assert.deepEqual({ ...(await reader.decode(topic, bytes) as object) }, { id: 'abc', note: 'none' })
      assert.equal((await store.writerType(schemaId)).name, 'fte.test.Probe', 'the schema id on the wire resolves in the store')
      // The field is named with the kind of value it had, never the value (events carry customers' words).
      await assert.rejects(writer.encode(topic, { id: 4242 }), (err: Error) => /does not match the .* schema: id \(got number\)/.test(err.message) && !err.message.includes('4242'))
    })
  })
}

schemaRules('embedded (PGlite table)', undefined, async () => {
  const db: Db = await pgliteDb('memory://')
  await migrate(db)
  return { store: localSchemaStore(db), close: () => db.close() }
})

schemaRules('Apicurio registry, Confluent-compatible API', noStack, async () => ({
  store: registrySchemaStore(stack.registryUrl!),
  close: async () => undefined,
}))

describe('registry wire check', { skip: noStack }, () => {
  it('serves the registered schema at /schemas/ids/{id}, the id found in the framed bytes', async () => {
    const store = registrySchemaStore(stack.registryUrl!)
    const prefix = uniqueName('wire') + '.'
    const codec = avroCodec(store, (t) => prefix + t, { [topic]: v1 })
    const { schemaId } = unframe(await codec.encode(topic, { id: 'x' }))
    const res = await fetch(`${stack.registryUrl}/schemas/ids/${schemaId}`)
    assert.equal(res.status, 200)
    const body = (await res.json()) as { schema: string }
    assert.equal(JSON.parse(body.schema).name, 'Probe')
    const compat = await fetch(`${stack.registryUrl}/config/${encodeURIComponent(`${prefix}${topic}-value`)}`)
    assert.equal(compat.status, 200)
    assert.match(JSON.stringify(await compat.json()), /BACKWARD/)
  })
})
