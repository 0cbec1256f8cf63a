import { Topics } from '../../schemas/index.js'
import { defineProjection } from '../../platform/projection.js'
import { isoAt } from '../../platform/time.js'

/** dead_letters: every event a consumer gave up on, with the reason, ready to replay. */
export const deadLettersProjection = defineProjection({
  name: 'dead_letters',
  tables: ['dead_letters'],
  // `fte dlq replay` marks a letter replayed in the table itself; a rebuild would forget it and
  // `dlq replay --all` would send every replayed letter again.
  notRebuilt: 'it records which dead letters were replayed (fte dlq replay), which no event says',
  topics: [Topics.dlq],
  async apply(event, tx) {
    const d = event.value
    await tx.query(
      `INSERT INTO dead_letters (id, source_topic, source_partition, source_offset, group_id, message_key, error, attempts, original_value, failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
      [d.event_id, d.source_topic, d.source_partition, d.source_offset, d.group_id, d.key, d.error, d.attempts, d.original_value, isoAt(d.occurred_at)],
    )
  },
})
