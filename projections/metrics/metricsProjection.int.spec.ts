/**
 * The metrics projection writes a batch's samples in one statement. On the stack's Postgres: the
 * rows are the events' own values, and a batch that holds a sample twice, or comes again, adds
 * nothing.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { applyBatch } from '../../platform/projection.js'
import { Topics, type MetricRecorded } from '../../schemas/index.js'
import { noStack } from '../../testing/stack.js'
import { bothWaysDatabases, delivered } from '../../testing/projectionBatches.js'
import { metricsProjection } from './metricsProjection.js'

const T0 = Date.parse('2026-12-01T09:00:00Z')
const sample = (n: number, labels: Record<string, string>): MetricRecorded => ({
  event_id: `metric-${n}`, occurred_at: T0 + n * 1000, name: 'reply_latency_ms', value: 100 * n + 0.5, channel: n % 2 ? 'email' : 'whatsapp', labels,
})
const SAMPLES = [sample(1, { ticket_id: 't-1' }), sample(2, {}), sample(3, { ticket_id: 't-3' })]

describe('metrics projection on Postgres', { skip: noStack }, () => {
  const { dbs, reset } = bothWaysDatabases(metricsProjection)
  const rows = async () =>
    (await dbs.batched.query(`SELECT event_id, name, channel, ticket_id, value, occurred_at FROM reply_metrics ORDER BY event_id`)).rows

  it('writes a batch of samples as the events give them, each once however often it comes', async () => {
    await reset()
    const events = [...SAMPLES, SAMPLES[0]!].map((value, i) => delivered({ topic: Topics.metrics, value }, i))
    assert.equal(await applyBatch(dbs.batched, metricsProjection, events), 3, 'three samples applied; the copy in the same batch is not')
    const expected = SAMPLES.map((m) => ({ event_id: m.event_id, name: m.name, channel: m.channel, ticket_id: m.labels.ticket_id ?? null, value: m.value, occurred_at: new Date(m.occurred_at) }))
    assert.deepEqual(await rows(), expected)
    assert.equal(await applyBatch(dbs.batched, metricsProjection, events), 0, 'a redelivered batch applies nothing')
    assert.deepEqual(await rows(), expected, 'and changes nothing')
  })
})
