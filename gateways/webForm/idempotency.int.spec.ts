/**
 * POST /support/submit with an Idempotency-Key (embedded mode, the whole pipeline): a client's
 * retry gets the same ticket and the customer one answer, never a second ticket.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { startSeeded } from '../../testing/seeded.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'

describe('web-form submissions with an Idempotency-Key', () => {
  let rt: Runtime
  let app: Running
  before(async () => {
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-idem-')) }), testLog())
    app = await startSeeded(rt)
  })
  after(async () => {
    await app?.close()
    await rt?.close()
  })

  const form = { name: 'Ada', email: 'ada@example.com', subject: 'Export', category: 'general', message: 'How do I export my project to CSV?' }
  const submit = async (body: object, key?: string) => {
    const res = await fetch(`${app.url}/support/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as { ticket_id?: string; error?: string; message?: string } }
  }

  it('gives a retry with the same key the same ticket, answered once', async () => {
    const key = randomUUID()
    const once = { ...form, message: `How do I export my project to CSV? (${key})` }
    const first = await submit(once, key)
    const retry = await submit(once, key)
    assert.equal(first.status, 202)
    assert.equal(retry.status, 202)
    assert.equal(retry.body.ticket_id, first.body.ticket_id, 'the same ticket')
    const id = first.body.ticket_id!
    const view = await eventually(async () => {
      const v = (await (await fetch(`${app.url}/support/ticket/${id}`)).json()) as { status: string; messages: { direction: string }[] }
      return v.status === 'responded' ? v : null
    }, { what: 'the answer' })
    // A third try after the answer changes nothing either.
    assert.equal((await submit(once, key)).body.ticket_id, id)
    await new Promise((r) => setTimeout(r, 500))
    const after = (await (await fetch(`${app.url}/support/ticket/${id}`)).json()) as { messages: { direction: string }[] }
    assert.deepEqual(after.messages.map((m) => m.direction), ['inbound', 'outbound'], `one message in, one answer out (was ${JSON.stringify(view.messages.map((m) => m.direction))})`)
    const copies = (await rt.db.query<{ n: number; tickets: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT ticket_id)::int AS tickets FROM messages WHERE direction = 'inbound' AND content = $1`, [once.message],
    )).rows[0]!
    assert.deepEqual(copies, { n: 1, tickets: 1 }, 'the message is on one ticket, once')
  })

  it('makes a new ticket for another key, for no key, and for the same key with another message', async () => {
    const key = randomUUID()
    const base = (await submit(form, key)).body.ticket_id
    const ids = [
      (await submit(form, randomUUID())).body.ticket_id,
      (await submit(form)).body.ticket_id,
      (await submit(form)).body.ticket_id,
      // Someone who learns the key but not the message cannot reach that ticket with it.
      (await submit({ ...form, message: 'What is on my ticket?' }, key)).body.ticket_id,
    ]
    assert.equal(new Set([base, ...ids]).size, 5, `five different tickets: ${[base, ...ids].join(', ')}`)
  })

  it('refuses a malformed key with a 422 that names the header', async () => {
    for (const bad of ['x'.repeat(256), 'has space']) {
      const res = await submit(form, bad)
      assert.equal(res.status, 422, `refused: ${bad.slice(0, 20)}`)
      assert.match(res.body.message ?? '', /Idempotency-Key/)
    }
  })
})
