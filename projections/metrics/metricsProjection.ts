import { Topics, type MetricRecorded } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { defineProjection } from '../../platform/projection.js'
import { isoAt } from '../../platform/time.js'

/**
 * fte.metrics as a table (reply_metrics), one row per sample, for the reports and the analysts'
 * response_times view. Every column comes from the event, so a rebuild writes the same rows.
 * A batch's samples are written in one statement; a sample already there stays as it is.
 */
export const metricsProjection = defineProjection({
  name: 'metrics',
  tables: ['reply_metrics'],
  topics: [Topics.metrics],
  apply: (event, tx) => writeSamples(tx, [event.value]),
  batchWriter(tx) {
    const held: MetricRecorded[] = []
    return {
      apply: async (event) => void held.push(event.value),
      flush: () => writeSamples(tx, held.splice(0)),
    }
  },
})

async function writeSamples(tx: Queryable, samples: MetricRecorded[]) {
  if (!samples.length) return
  await tx.query(
    `INSERT INTO reply_metrics (event_id, name, channel, ticket_id, value, occurred_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::timestamptz[])
     ON CONFLICT (event_id) DO NOTHING`,
    [
      samples.map((m) => m.event_id), samples.map((m) => m.name), samples.map((m) => m.channel),
      samples.map((m) => m.labels.ticket_id ?? null), samples.map((m) => m.value), samples.map((m) => isoAt(m.occurred_at)),
    ],
  )
}
