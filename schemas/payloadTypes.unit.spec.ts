import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { Topics, topicSchemas, type Topic } from './index.js'

/**
 * The TypeScript payload interfaces are written by hand beside the Avro records; this reads them
 * with the compiler and holds each against its record, so the two cannot drift apart.
 */
interface Shape {
  extends: string[]
  fields: Map<string, { nullable: boolean }>
}

const source = ts.createSourceFile('index.ts', readFileSync(new URL('./index.ts', import.meta.url), 'utf8'), ts.ScriptTarget.ES2022, true)
const interfaces = new Map<string, Shape>()
let topicEvents: ts.InterfaceDeclaration | undefined
source.forEachChild((node) => {
  if (!ts.isInterfaceDeclaration(node)) return
  if (node.name.text === 'TopicEvents') topicEvents = node
  const fields = new Map<string, { nullable: boolean }>()
  for (const m of node.members) {
    if (ts.isPropertySignature(m) && ts.isIdentifier(m.name)) fields.set(m.name.text, { nullable: /\bnull\b/.test(m.type?.getText(source) ?? '') })
  }
  const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)))
  interfaces.set(node.name.text, { extends: bases, fields })
})

function fieldsOf(name: string): Map<string, { nullable: boolean }> {
  const shape = interfaces.get(name)
  assert.ok(shape, `no interface ${name} in schemas/index.ts`)
  return new Map([...shape.extends.flatMap((b) => [...fieldsOf(b)]), ...shape.fields])
}

type AvroNode = Record<string, unknown>
/** Every record defined in a schema, nested ones included (later uses are references by name). */
function recordsIn(node: unknown, out = new Map<string, AvroNode[]>()): Map<string, AvroNode[]> {
  if (Array.isArray(node)) node.forEach((n) => recordsIn(n, out))
  else if (node && typeof node === 'object') {
    const obj = node as AvroNode
    if (obj.type === 'record' && typeof obj.name === 'string') out.set(obj.name, [...(obj.fields as AvroNode[])])
    for (const v of Object.values(obj)) recordsIn(v, out)
  }
  return out
}
const isNullable = (type: unknown) => Array.isArray(type) && type.includes('null')

describe('payload types', () => {
  const records = recordsIn(Object.values(topicSchemas))

  it('finds the records and the interfaces to compare', () => {
    assert.ok(records.size >= 15, `${records.size} records`)
    for (const name of ['InboundMessage', 'Sender', 'TicketContext', 'KnowledgeHit', 'DeadLetter']) assert.ok(records.has(name), name)
  })

  for (const [name, fields] of recordsIn(Object.values(topicSchemas))) {
    it(`${name} has exactly its Avro record's fields, nullable where the record is`, () => {
      const typed = fieldsOf(name)
      assert.deepEqual([...typed.keys()].sort(), fields.map((f) => f.name as string).sort())
      for (const f of fields) assert.equal(typed.get(f.name as string)!.nullable, isNullable(f.type), `${name}.${f.name as string}`)
    })
  }

  it('TopicEvents names, for every topic, the interface of the record that topic carries', () => {
    assert.ok(topicEvents, 'TopicEvents is declared')
    const mapped = new Map<Topic, string>()
    for (const m of topicEvents.members) {
      assert.ok(ts.isPropertySignature(m) && m.type, 'a topic and its payload type')
      const key = m.name.getText(source).match(/^\[Topics\.(\w+)\]$/)?.[1] as keyof typeof Topics | undefined
      assert.ok(key && Topics[key], `key ${m.name.getText(source)} is a Topics entry`)
      mapped.set(Topics[key], m.type.getText(source))
    }
    for (const topic of Object.values(Topics)) assert.equal(mapped.get(topic), topicSchemas[topic].name, topic)
  })
})
