/**
 * The Postgres pool's prepared statements, on the stack's Postgres: a statement is prepared once
 * per connection and reused; one whose result columns a migration changed is prepared afresh on
 * the next call instead of failing on that connection for ever; and they can be turned off.
 * Also where the knowledge base keeps its vectors (migration 015).
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { postgresDb, type Db } from './db.js'
import { migrate } from './migrate.js'
import { metrics } from './metrics.js'
import { freshDatabase, noStack } from '../testing/stack.js'

const prepared = async (db: Db) =>
  // One connection (pool of 1), so this sees the statements the queries before it prepared.
  (await db.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'fte%'`)).rows.map((r) => r.statement)

/** A 1536-float vector, 6 KB: over the size at which Postgres moves a value out of its row by default. */
const VECTOR = `[${Array.from({ length: 1536 }, (_, i) => ((i % 7) - 3) / 10).join(',')}]`
const toastBytes = async (db: Db, table: string) =>
  (await db.query<{ bytes: number }>('SELECT pg_relation_size(reltoastrelid)::int AS bytes FROM pg_class WHERE relname = $1', [table])).rows[0]!.bytes

describe('prepared statements on Postgres', { skip: noStack }, () => {
  let url: string
  let drop: () => Promise<void>
  before(async () => {
    const fresh = await freshDatabase()
    url = fresh.url
    drop = fresh.drop
  })
  after(async () => drop?.())

  it('prepares a parameterised statement once per connection and reuses it, in and out of transactions', async () => {
    const db = postgresDb(url, 1)
    try {
      await db.exec('CREATE TABLE notes (id int PRIMARY KEY, body text)')
      for (let i = 0; i < 3; i++) await db.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [i, `n${i}`])
      await db.transaction((tx) => tx.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [9, 'in a transaction']))
      const statements = await prepared(db)
      assert.equal(statements.filter((s) => s.startsWith('INSERT INTO notes')).length, 1, `one prepared insert for four calls: ${JSON.stringify(statements)}`)
      assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notes WHERE id >= $1', [0])).rows[0]!.n, 4, 'every call ran')
    } finally {
      await db.close()
    }
  })

  it('prepares a statement again after a migration changed the columns it returns, instead of failing on that connection for ever', async () => {
    const db = postgresDb(url, 1)
    try {
      await db.exec('CREATE TABLE agents (id int PRIMARY KEY, name text)')
      await db.query('INSERT INTO agents (id, name) VALUES ($1, $2)', [1, 'Ada'])
      const read = () => db.query<Record<string, unknown>>('SELECT * FROM agents WHERE id = $1', [1])
      assert.deepEqual((await read()).rows[0], { id: 1, name: 'Ada' })
      await db.exec(`ALTER TABLE agents ADD COLUMN team text NOT NULL DEFAULT 'support'`)
      // Postgres refuses the stale plan once (the caller's retry is the delivery's); then it is named afresh.
      const first = await read().then(() => 'ran', (err: Error) => err.message)
      assert.ok(first === 'ran' || /cached plan must not change result type/.test(first), `the first call after the migration ran or was refused as stale: ${first}`)
      assert.deepEqual((await read()).rows[0], { id: 1, name: 'Ada', team: 'support' }, 'the next call sees the new column')
    } finally {
      await db.close()
    }
  })

  it('counts every statement it sends, the transaction\'s BEGIN, COMMIT and ROLLBACK included (fte_db_statements_total)', async () => {
    const db = postgresDb(url, 1)
    const counted = async () => (await metrics.dbStatements.get()).values.reduce((sum, v) => sum + v.value, 0)
    try {
      const before = await counted()
      await db.query('SELECT $1::int AS n', [1])
      await db.transaction(async (tx) => void (await tx.query('SELECT 1')))
      await assert.rejects(db.transaction(async (tx) => (await tx.query('SELECT 1'), Promise.reject(new Error('undo')))), /undo/)
      assert.equal(await counted(), before + 1 + 3 + 3, 'one statement; BEGIN, one and COMMIT; BEGIN, one and ROLLBACK')
    } finally {
      await db.close()
    }
  })

  it('prepares nothing when turned off', async () => {
    const db = postgresDb(url, 1, { preparedStatements: false })
    try {
      await db.query('SELECT $1::int AS one', [1])
      assert.deepEqual(await prepared(db), [], 'no statement prepared')
    } finally {
      await db.close()
    }
  })

  it('keeps a knowledge vector in its row, so a search reads no TOAST table (migration 015)', async () => {
    const db = postgresDb(url, 1)
    try {
      await migrate(db)
      await db.query(
        `INSERT INTO knowledge_base (id, article_id, article_version, chunk_index, title, category, content, embedding, embedding_model)
         VALUES ('a#0', 'a', 1, 0, 'Title', 'general', 'Short passage.', $1::vector, 'test')`,
        [VECTOR],
      )
      await db.query(`INSERT INTO knowledge_questions (id, article_id, article_version, question, embedding, embedding_model) VALUES ('a?0', 'a', 1, 'How?', $1::vector, 'test')`, [VECTOR])
      for (const table of ['knowledge_base', 'knowledge_questions']) assert.equal(await toastBytes(db, table), 0, `${table}: a 6 KB vector went out of its row into the TOAST table`)
    } finally {
      await db.close()
    }
  })

  it('moves the vectors already written into their rows, unchanged (migration 015)', async () => {
    const fresh = await freshDatabase()
    const db = postgresDb(fresh.url, 1)
    try {
      await migrate(db, { to: '14' })
      await db.query(
        `INSERT INTO knowledge_base (id, article_id, article_version, chunk_index, title, category, content, embedding, embedding_model)
         VALUES ('a#0', 'a', 1, 0, 'Title', 'general', 'Short passage.', $1::vector, 'test')`,
        [VECTOR],
      )
      await db.query(`INSERT INTO knowledge_questions (id, article_id, article_version, question, embedding, embedding_model) VALUES ('a?0', 'a', 1, 'How?', $1::vector, 'test')`, [VECTOR])
      // Before 015 the vector lives in the TOAST table: without this the check below proves nothing.
      for (const table of ['knowledge_base', 'knowledge_questions']) assert.ok((await toastBytes(db, table)) > 0, `${table}: before migration 015 the vector should be out of its row`)
      await migrate(db)
      for (const table of ['knowledge_base', 'knowledge_questions']) {
        // The rewrite leaves the old out-of-line copies dead; a vacuum frees them if nothing live points there.
        await db.exec(`VACUUM ${table}`)
        assert.equal(await toastBytes(db, table), 0, `${table}: a vector written before migration 015 is still out of its row`)
        const { embedding } = (await db.query<{ embedding: string }>(`SELECT embedding::text AS embedding FROM ${table}`)).rows[0]!
        assert.equal(embedding, (await db.query<{ v: string }>('SELECT $1::vector::text AS v', [VECTOR])).rows[0]!.v, `${table}: the rewrite changed the vector`)
      }
    } finally {
      await db.close()
      await fresh.drop()
    }
  })
})
