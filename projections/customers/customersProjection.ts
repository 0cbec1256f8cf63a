import { Topics, type AgentDecision, type CustomerIdentified } from '../../schemas/index.js'
import type { Projection } from '../../platform/projection.js'

const ts = (ms: number) => new Date(ms).toISOString()

/** customers, customer_identifiers and conversations: who the customers are and where they talk to us. */
export const customersProjection: Projection = {
  name: 'customers',
  topics: [Topics.customersIdentified, Topics.agentDecisions],
  async apply(event, tx) {
    if (event.topic === Topics.customersIdentified) {
      const e = event.value as CustomerIdentified
      const { customer_id, conversation_id, inbound } = e.context
      await tx.query(
        `INSERT INTO customers (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (id) DO UPDATE SET name = COALESCE(EXCLUDED.name, customers.name), updated_at = GREATEST(customers.updated_at, EXCLUDED.updated_at)`,
        [customer_id, e.customer_name, ts(inbound.occurred_at)],
      )
      for (const id of e.identifiers) {
        await tx.query(
          `INSERT INTO customer_identifiers (kind, value, customer_id, first_seen) VALUES ($1, $2, $3, $4)
           ON CONFLICT (kind, value) DO NOTHING`,
          [id.kind, id.value, customer_id, ts(inbound.occurred_at)],
        )
      }
      await tx.query(
        `INSERT INTO conversations (id, customer_id, channel, status, started_at, updated_at) VALUES ($1, $2, $3, 'open', $4, $4)
         ON CONFLICT (id) DO UPDATE SET started_at = LEAST(conversations.started_at, EXCLUDED.started_at)`,
        [conversation_id, customer_id, inbound.channel, ts(inbound.occurred_at)],
      )
      return
    }
    const d = event.value as AgentDecision
    const { customer_id, conversation_id, inbound } = d.context
    // The decision may be projected before the identification (different topics): upsert.
    await tx.query(
      `INSERT INTO conversations (id, customer_id, channel, status, sentiment, sentiment_samples, started_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4, 1, $5, $5)
       ON CONFLICT (id) DO UPDATE SET
         sentiment = (COALESCE(conversations.sentiment, 0) * conversations.sentiment_samples + EXCLUDED.sentiment) / (conversations.sentiment_samples + 1),
         sentiment_samples = conversations.sentiment_samples + 1,
         updated_at = GREATEST(conversations.updated_at, EXCLUDED.updated_at)`,
      [conversation_id, customer_id, inbound.channel, d.sentiment, ts(d.occurred_at)],
    )
  },
}
