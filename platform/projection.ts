import type { Topic } from '../schemas/index.js'
import type { Db, Queryable } from './db.js'
import type { DeliveredEvent, Subscription, Transport } from './transport/contract.js'

/**
 * A read-model projection: applies events to Postgres tables. Each event is applied in one
 * transaction together with its row in processed_events, so a redelivered event changes nothing.
 */
export interface Projection {
  name: string
  topics: Topic[]
  apply(event: DeliveredEvent, tx: Queryable): Promise<void>
}

export async function applyOnce(db: Db, projection: Projection, event: DeliveredEvent): Promise<boolean> {
  const eventId = (event.value as { event_id?: string }).event_id
  if (!eventId) throw new Error(`event on ${event.topic} has no event_id`)
  return db.transaction(async (tx) => {
    const fresh = await tx.query(
      'INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
      [projection.name, eventId],
    )
    if (fresh.rows.length === 0) return false
    await projection.apply(event, tx)
    return true
  })
}

export function runProjection(transport: Transport, db: Db, projection: Projection): Promise<Subscription> {
  return transport.subscribe({
    group: `fte.projection.${projection.name}`,
    topics: projection.topics,
    handle: async (event) => void (await applyOnce(db, projection, event)),
  })
}
