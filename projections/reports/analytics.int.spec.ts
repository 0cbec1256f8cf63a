/**
 * docs/analytics.md holds the analysts' questions as SQL: every ```sql block must run, as written,
 * as the read-only role fte_readonly, which may read the read models and views and nothing else.
 * On the embedded database after the pipeline filled it, and on the stack's Postgres.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import { postgresDb, type Db } from '../../platform/db.js'
import { migrate } from '../../platform/migrate.js'
import type { Running } from '../../bin/roles.js'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { startSeeded } from '../../testing/seeded.js'
import { eventually, freshDatabase, noStack, testConfig, testLog, uniqueName } from '../../testing/stack.js'

const DOC = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../docs/analytics.md')
const blocks = [...readFileSync(DOC, 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim())

/** What the role must not touch: secrets, raw events, bookkeeping, and any write. */
const REFUSED = [
  'SELECT * FROM staff', 'SELECT * FROM staff_sessions', 'SELECT * FROM server_secrets', 'SELECT * FROM event_log',
  'SELECT * FROM dead_letters', 'SELECT * FROM stage_outputs', 'SELECT * FROM processed_events', 'SELECT * FROM identity_claims',
  "UPDATE tickets SET status = 'closed'", 'DELETE FROM messages', "INSERT INTO reply_metrics (event_id, name, value, occurred_at) VALUES ('x', 'y', 1, now())",
  'CREATE TABLE analyst_scratch (x int)', 'TRUNCATE customers',
]
const READABLE = [
  'customers', 'customer_identifiers', 'customer_merges', 'customer_link_suggestions', 'conversations', 'tickets', 'messages',
  'message_deliveries', 'escalations', 'ticket_notes', 'knowledge_base', 'reply_metrics', 'daily_sentiment', 'ticket_timeline',
  'escalations_with_reasons', 'daily_channel_stats', 'response_times', 'identity_links',
]

/** Runs sql as fte_readonly, in a transaction that is rolled back whatever happens. */
async function asReadonly(db: Db, sql: string): Promise<{ rows: number } | { code: string }> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE fte_readonly')
      const rows = (await tx.query(sql)).rows.length
      throw Object.assign(new Error('rollback'), { result: { rows } })
    })
  } catch (err) {
    const e = err as { result?: { rows: number }; code?: string; message: string }
    if (e.result) return e.result
    return { code: e.code ?? e.message }
  }
}

function roleChecks(db: () => Db) {
  it('refuses the role everything but reading the read models and views', async () => {
    for (const sql of REFUSED) assert.deepEqual(await asReadonly(db(), sql), { code: '42501' }, sql)
    for (const table of READABLE) assert.ok('rows' in (await asReadonly(db(), `SELECT * FROM ${table} LIMIT 1`)), table)
  })
}

describe('analytics SQL as fte_readonly', () => {
  it('the docs ask at least 8 questions', () => assert.ok(blocks.length >= 8, `${blocks.length} sql blocks`))

  describe('on the embedded database, filled by the pipeline', () => {
    let rt: Runtime
    let app: Running
    before(async () => {
      rt = await openRuntime(testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-analytics-')) }), testLog())
      app = await startSeeded(rt)
      const now = Date.now()
      const wa = (phone: string, content: string): InboundMessage => ({
        event_id: uniqueName('wa'), occurred_at: now, channel: 'whatsapp', channel_message_id: uniqueName('SM'), ticket_id: null,
        sender: { name: 'Wen Li', email: null, phone, verified: true }, subject: null, category: null, priority: null, content, thread_id: null,
      })
      const msgs = [wa('+14155550201', 'How do I export my data to CSV?'), wa('+14155550202', 'I want a refund for last month, now.'), wa('+14155550203', 'how do i invite my team')]
      await rt.transport.publish(msgs.map((m) => ({ topic: Topics.ticketsIncoming, key: m.sender.phone!, value: m })))
      await eventually(async () => {
        const settled = await rt.db.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE status IN ('responded', 'escalated')")
        const timed = await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reply_metrics')
        return settled.rows[0]!.n === msgs.length && timed.rows[0]!.n >= 2
      }, { what: 'the messages answered or handed over', timeoutMs: 60_000 })
    })
    after(async () => {
      await app?.close()
      await rt?.close()
    })

    it('runs every question in docs/analytics.md as written, and the ones about this data find it', async () => {
      const results = []
      for (const sql of blocks) {
        const r = await asReadonly(rt.db, sql)
        assert.ok('rows' in r, `failed (${'code' in r ? r.code : ''}):\n${sql}`)
        results.push(r.rows)
      }
      // Volume, hand-overs, response times, sentiment and categories all exist after three messages.
      assert.ok(results.filter((n) => n > 0).length >= 6, `rows per question: ${results.join(', ')}`)
    })

    roleChecks(() => rt.db)
  })

  describe('on the stack\'s Postgres', { skip: noStack }, () => {
    let db: Db
    let drop: () => Promise<void>
    before(async () => {
      const fresh = await freshDatabase()
      drop = fresh.drop
      db = postgresDb(fresh.url, 2)
      await migrate(db)
    })
    after(async () => {
      await db?.close()
      await drop?.()
    })

    it('runs every question in docs/analytics.md as written', async () => {
      for (const sql of blocks) {
        const r = await asReadonly(db, sql)
        assert.ok('rows' in r, `failed (${'code' in r ? r.code : ''}):\n${sql}`)
      }
    })

    roleChecks(() => db)
  })
})
