import { Topics } from '../../schemas/index.js'
import { defineProjection } from '../../platform/projection.js'
import { isoAt } from '../../platform/time.js'

/**
 * fte.metrics as a table (reply_metrics), one row per sample, for the reports and the analysts'
 * response_times view. Every column comes from the event, so a rebuild writes the same rows.
 */
export const metricsProjection = defineProjection({
  name: 'metrics',
  tables: ['reply_metrics'],
  topics: [Topics.metrics],
  async apply(event, tx) {
    const m = event.value
    await tx.query(
      `INSERT INTO reply_metrics (event_id, name, channel, ticket_id, value, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [m.event_id, m.name, m.channel, m.labels.ticket_id ?? null, m.value, isoAt(m.occurred_at)],
    )
  },
})
