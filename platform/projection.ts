import type { Topic } from '../schemas/index.js'
import type { Db, Queryable } from './db.js'
import type { DeliveredEvent, Subscription, Transport } from './transport/contract.js'

/**
 * A read-model projection: applies events to Postgres tables. Each event is applied in one
 * transaction together with its row in processed_events, so a redelivered event changes nothing.
 */
export interface Projection<T extends Topic = Topic> {
  name: string
  topics: readonly T[]
  apply(event: DeliveredEvent<T>, tx: Queryable): Promise<void>
}

export async function applyOnce<T extends Topic>(db: Db, projection: Projection<T>, event: DeliveredEvent<T>): Promise<boolean> {
  const eventId = event.value.event_id
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

export function runProjection<T extends Topic>(transport: Transport, db: Db, projection: Projection<T>): Promise<Subscription> {
  return transport.subscribe({
    group: `fte.projection.${projection.name}`,
    topics: projection.topics,
    handle: async (event) => void (await applyOnce(db, projection, event)),
  })
}

/** Declares a projection: its event type follows from `topics`, so `apply` receives typed events. */
export const defineProjection = <T extends Topic>(projection: Projection<T>): Projection<T> => projection

/**
 * The `default:` of a switch over a projection's topics: the compiler refuses it while any
 * declared topic is left without its case, and at run time it names the topic that slipped by.
 */
export function unhandledTopic(event: never): never {
  throw new Error(`no case for topic ${(event as { topic?: string }).topic}`)
}
