import { Topics } from '../../schemas/index.js'
import { defineProjection, unhandledTopic } from '../../platform/projection.js'
import type { Queryable } from '../../platform/db.js'
import { isoAt } from '../../platform/time.js'

export async function survivorOf(tx: Queryable, customerId: string): Promise<string> {
  const row = (await tx.query<{ merged_into: string | null }>('SELECT merged_into FROM customers WHERE id = $1', [customerId])).rows[0]
  return row?.merged_into ?? customerId
}

/** customers, customer_identifiers and conversations: who the customers are and where they talk to us. */
export const customersProjection = defineProjection({
  name: 'customers',
  topics: [Topics.customersIdentified, Topics.customersMerged, Topics.agentDecisions],
  async apply(event, tx) {
    switch (event.topic) {
      case Topics.customersMerged: {
        const m = event.value
        const at = isoAt(m.occurred_at)
        await tx.query(
          `INSERT INTO customers (id, created_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (id) DO NOTHING`,
          [m.survivor_id, at],
        )
        // History is kept: the merged customer rows stay, pointing at the survivor.
        await tx.query('UPDATE customers SET merged_into = $1, updated_at = $3 WHERE id = ANY($2::uuid[])', [m.survivor_id, m.merged_ids, at])
        await tx.query(
          `UPDATE customers s SET name = COALESCE(s.name, (SELECT name FROM customers m WHERE m.id = ANY($2::uuid[]) AND m.name IS NOT NULL ORDER BY m.created_at LIMIT 1)),
             created_at = LEAST(s.created_at, (SELECT min(created_at) FROM customers m WHERE m.id = ANY($2::uuid[]))) WHERE s.id = $1`,
          [m.survivor_id, m.merged_ids],
        )
        await tx.query('UPDATE customer_identifiers SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [m.survivor_id, m.merged_ids])
        await tx.query('UPDATE conversations SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [m.survivor_id, m.merged_ids])
        return
      }
      case Topics.customersIdentified: {
        const e = event.value
        const { conversation_id, inbound } = e.context
        // An identification projected after a merge it preceded still lands on the survivor.
        const customer_id = await survivorOf(tx, e.context.customer_id)
        await tx.query(
          `INSERT INTO customers (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)
           ON CONFLICT (id) DO UPDATE SET name = COALESCE(EXCLUDED.name, customers.name), updated_at = GREATEST(customers.updated_at, EXCLUDED.updated_at)`,
          [customer_id, e.customer_name, isoAt(inbound.occurred_at)],
        )
        for (const id of e.identifiers) {
          await tx.query(
            `INSERT INTO customer_identifiers (kind, value, customer_id, first_seen) VALUES ($1, $2, $3, $4)
             ON CONFLICT (kind, value) DO NOTHING`,
            [id.kind, id.value, customer_id, isoAt(inbound.occurred_at)],
          )
        }
        await tx.query(
          `INSERT INTO conversations (id, customer_id, channel, status, started_at, updated_at) VALUES ($1, $2, $3, 'open', $4, $4)
           ON CONFLICT (id) DO UPDATE SET started_at = LEAST(conversations.started_at, EXCLUDED.started_at)`,
          [conversation_id, customer_id, inbound.channel, isoAt(inbound.occurred_at)],
        )
        return
      }
      case Topics.agentDecisions: {
        const d = event.value
        const { conversation_id, inbound } = d.context
        const customer_id = await survivorOf(tx, d.context.customer_id)
        // The decision may be projected before the identification (different topics): upsert.
        await tx.query(
          `INSERT INTO conversations (id, customer_id, channel, status, sentiment, sentiment_samples, started_at, updated_at)
           VALUES ($1, $2, $3, 'open', $4, 1, $5, $5)
           ON CONFLICT (id) DO UPDATE SET
             sentiment = (COALESCE(conversations.sentiment, 0) * conversations.sentiment_samples + EXCLUDED.sentiment) / (conversations.sentiment_samples + 1),
             sentiment_samples = conversations.sentiment_samples + 1,
             updated_at = GREATEST(conversations.updated_at, EXCLUDED.updated_at)`,
          [conversation_id, customer_id, inbound.channel, d.sentiment, isoAt(d.occurred_at)],
        )
        return
      }
      default:
        unhandledTopic(event)
    }
  },
})
