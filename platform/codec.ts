import avro from 'avsc'
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import { topicSchemas, type Topic } from '../schemas/index.js'
import type { AvroSchema } from '../schemas/types.js'
import type { Queryable } from './db.js'

/**
 * Events travel as Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro body.
 * The schema ids come from a SchemaStore: the Confluent-compatible registry on the real stack,
 * a table in the embedded database otherwise. Everything else is one code path.
 */
export interface SchemaStore {
  /** Registers the schema under the subject (BACKWARD compatibility) and returns its global id. */
  register(subject: string, schema: AvroSchema): Promise<number>
  /** The writer schema for an id seen on the wire. */
  writerType(id: number): Promise<avro.Type>
}

export interface EventCodec {
  encode(topic: Topic, value: unknown): Promise<Buffer>
  decode(topic: Topic, bytes: Buffer): Promise<unknown>
}

export class IncompatibleSchemaError extends Error {
  readonly retriable = false
  constructor(subject: string, detail: string) {
    super(`schema for ${subject} is not BACKWARD compatible with the registered one: ${detail}`)
    this.name = 'IncompatibleSchemaError'
  }
}

/** The bytes cannot be read as an event of the topic: retrying will never help. */
export class UndecodableEventError extends Error {
  readonly retriable = false
  constructor(message: string) {
    super(message)
    this.name = 'UndecodableEventError'
  }
}

export const MAGIC_BYTE = 0

export function frame(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5)
  header.writeUInt8(MAGIC_BYTE, 0)
  header.writeUInt32BE(schemaId, 1)
  return Buffer.concat([header, body])
}

export function unframe(bytes: Buffer): { schemaId: number; body: Buffer } {
  if (!Buffer.isBuffer(bytes) || bytes.length < 5 || bytes.readUInt8(0) !== MAGIC_BYTE) {
    throw new UndecodableEventError('not Confluent wire format (missing magic byte 0 and schema id)')
  }
  return { schemaId: bytes.readUInt32BE(1), body: bytes.subarray(5) }
}

export const subjectFor = (physicalTopic: string) => `${physicalTopic}-value`

export function avroCodec(
  store: SchemaStore,
  physical: (t: Topic) => string = (t) => t,
  schemas: Partial<Record<Topic, AvroSchema>> = topicSchemas,
): EventCodec & { registerAll(): Promise<void> } {
  const readers = new Map<Topic, { id: number; type: avro.Type }>()
  const writers = new Map<number, avro.Type>()
  const resolvers = new Map<string, avro.Resolver>()

  async function reader(topic: Topic) {
    let r = readers.get(topic)
    if (!r) {
      const schema = schemas[topic]
      if (!schema) throw new Error(`no schema for topic ${topic}`)
      const id = await store.register(subjectFor(physical(topic)), schema)
      r = { id, type: avro.Type.forSchema(schema as avro.Schema) }
      readers.set(topic, r)
    }
    return r
  }

  return {
    async registerAll() {
      for (const topic of Object.keys(schemas) as Topic[]) await reader(topic)
    },
    async encode(topic, value) {
      const { id, type } = await reader(topic)
      const problems: string[] = []
      // The field and what kind of value it had, never the value: events carry customers' words and addresses.
      if (!type.isValid(value, { errorHook: (path, v) => problems.push(`${path.join('.') || '(root)'} (got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v})`) })) {
        throw new TypeError(`event does not match the ${topic} schema: ${problems.slice(0, 5).join(', ')}`)
      }
      return frame(id, type.toBuffer(value))
    },
    async decode(topic, bytes) {
      const { schemaId, body } = unframe(bytes)
      const mine = await reader(topic)
      let writer = writers.get(schemaId)
      if (!writer) {
        writer = await store.writerType(schemaId).catch((err: Error) => {
          throw new UndecodableEventError(`schema id ${schemaId} cannot be resolved: ${err.message}`)
        })
        writers.set(schemaId, writer)
      }
      try {
        if (schemaId === mine.id) return mine.type.fromBuffer(body)
        // An older (or newer) writer: read through Avro schema resolution into our reader shape.
        const key = `${topic}:${schemaId}`
        let resolver = resolvers.get(key)
        if (!resolver) {
          resolver = mine.type.createResolver(writer)
          resolvers.set(key, resolver)
        }
        return mine.type.fromBuffer(body, resolver)
      } catch (err) {
        throw new UndecodableEventError(`cannot decode ${topic} event with schema ${schemaId}: ${(err as Error).message}`)
      }
    },
  }
}

/** Checks that data written with `previous` can be read with `next` (Avro's BACKWARD rule). */
export function assertBackwardCompatible(subject: string, previous: AvroSchema, next: AvroSchema) {
  try {
    avro.Type.forSchema(next as avro.Schema).createResolver(avro.Type.forSchema(previous as avro.Schema))
  } catch (err) {
    throw new IncompatibleSchemaError(subject, (err as Error).message)
  }
}

/** Schema store in the embedded database: same ids-and-subjects model as the registry. */
export function localSchemaStore(db: Queryable): SchemaStore {
  const byId = new Map<number, avro.Type>()
  return {
    async register(subject, schema) {
      const text = JSON.stringify(schema)
      const latest = (
        await db.query<{ id: number; version: number; schema: string }>(
          'SELECT id, version, schema FROM schema_store WHERE subject = $1 ORDER BY version DESC LIMIT 1',
          [subject],
        )
      ).rows[0]
      if (latest && latest.schema === text) return latest.id
      const existing = (await db.query<{ id: number }>('SELECT id FROM schema_store WHERE subject = $1 AND schema = $2', [subject, text])).rows[0]
      if (existing) return existing.id
      if (latest) assertBackwardCompatible(subject, JSON.parse(latest.schema), schema)
      const row = (
        await db.query<{ id: number }>(
          `INSERT INTO schema_store (subject, version, schema) VALUES ($1, $2, $3)
           ON CONFLICT (subject, version) DO NOTHING RETURNING id`,
          [subject, (latest?.version ?? 0) + 1, text],
        )
      ).rows[0]
      // Lost a race with another registration of the same version: read what won and retry once.
      if (!row) return this.register(subject, schema)
      return row.id
    },
    async writerType(id) {
      const cached = byId.get(id)
      if (cached) return cached
      const row = (await db.query<{ schema: string }>('SELECT schema FROM schema_store WHERE id = $1', [id])).rows[0]
      if (!row) throw new Error(`unknown schema id ${id}`)
      const type = avro.Type.forSchema(JSON.parse(row.schema) as avro.Schema)
      byId.set(id, type)
      return type
    },
  }
}

/**
 * A Confluent-compatible schema registry (Apicurio's /apis/ccompat/v7 here, Confluent's in
 * production). Registration goes over plain HTTP so compatibility is set explicitly per subject;
 * writer-schema look-ups by id go through @kafkajs/confluent-schema-registry, which caches them.
 */
export function registrySchemaStore(url: string): SchemaStore {
  const base = url.replace(/\/+$/, '')
  const client = new SchemaRegistry({ host: base })
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text }
  }
  const configured = new Set<string>()
  return {
    async register(subject, schema) {
      const s = encodeURIComponent(subject)
      const schemaText = JSON.stringify(schema)
      // Registered already (a restart, or another pod)? Then there is nothing to check.
      const found = await call('POST', `/subjects/${s}`, { schema: schemaText, schemaType: 'AVRO' })
      if (found.status === 200 && typeof found.json.id === 'number') return found.json.id
      const created = await call('POST', `/subjects/${s}/versions`, { schema: schemaText, schemaType: 'AVRO' })
      if (created.status === 409 || created.status === 422) throw new IncompatibleSchemaError(subject, created.text)
      if (created.status >= 300 || typeof created.json.id !== 'number') {
        throw new Error(`schema registry refused ${subject}: HTTP ${created.status} ${created.text}`)
      }
      if (!configured.has(subject)) {
        const cfg = await call('PUT', `/config/${s}`, { compatibility: 'BACKWARD' })
        if (cfg.status >= 300) throw new Error(`cannot set BACKWARD compatibility on ${subject}: HTTP ${cfg.status} ${cfg.text}`)
        configured.add(subject)
      }
      return created.json.id
    },
    async writerType(id) {
      // The client fetches GET /schemas/ids/{id} once and caches the parsed avsc type.
      return (await client.getSchema(id)) as unknown as avro.Type
    },
  }
}
