import type { Topic } from '../schemas/index.js'
import type { Db, Queryable } from './db.js'
import type { DeliveredEvent, Subscription, Transport } from './transport/contract.js'

/**
 * A read-model projection: applies events to Postgres tables. Each event is applied in the same
 * transaction as its row in processed_events, so a redelivered event changes nothing; live, the
 * events of a fetched batch share one transaction (applyBatch).
 */
export interface Projection<T extends Topic = Topic> {
  name: string
  topics: readonly T[]
  /** The read model: every table this projection writes, and no other (a rebuild replaces them together). */
  tables: readonly string[]
  /** Set, saying why, when the tables hold state no event carries: `fte rebuild` leaves them alone. */
  notRebuilt?: string
  apply(event: DeliveredEvent<T>, tx: Queryable): Promise<void>
  /**
   * For a projection that folds the writes of a batch into fewer statements: a writer for one
   * transaction's events, applied in order, then flushed before the commit. It must leave the
   * tables as `apply` one event at a time would.
   */
  batchWriter?(tx: Queryable): { apply(event: DeliveredEvent<T>): Promise<void>; flush(): Promise<void> }
}

/**
 * The lock a rebuild's swap takes exclusively (platform/rebuild.ts): every live apply holds it
 * shared for its transaction, so the swap waits for the ones in flight and holds the next ones
 * back until the rebuilt tables are in place. Taken in the same statement as the dedup insert.
 */
export const projectionLockSql = (param: string) => `pg_advisory_xact_lock_shared(hashtext('fte.projection.' || ${param}))`

/**
 * A batch writer's transaction as the rest of its events' statements see it: each runs after the
 * writes held so far, as it would have one event at a time (it may read or overwrite them).
 */
export const flushingFirst = (tx: Queryable, flush: () => Promise<void>): Queryable => ({
  query: async (sql, params) => (await flush(), tx.query(sql, params)),
  exec: async (script) => (await flush(), tx.exec(script)),
})

export async function applyOnce<T extends Topic>(db: Pick<Db, 'transaction'>, projection: Projection<T>, event: DeliveredEvent<T>, opts: { rebuilding?: boolean } = {}): Promise<boolean> {
  return (await applyBatch(db, projection, [event], opts)) === 1
}

/**
 * Applies events in one transaction, each at most once: one dedup insert for them all, then the
 * fresh ones in order (later events see what earlier ones wrote). All or nothing, so a failure
 * leaves nothing behind and the events can be applied one by one instead. Live, the insert also
 * takes the projection's lock shared; a rebuild writes its own copy of the tables, which the
 * swap's lock does not guard.
 */
export async function applyBatch<T extends Topic>(db: Pick<Db, 'transaction'>, projection: Projection<T>, events: readonly DeliveredEvent<T>[], opts: { rebuilding?: boolean } = {}): Promise<number> {
  const missing = events.find((e) => !e.value.event_id)
  if (missing) throw new Error(`event on ${missing.topic} has no event_id`)
  const held = opts.rebuilding ? '' : `, (SELECT ${projectionLockSql('$1')}) AS held`
  return db.transaction(async (tx) => {
    const fresh = new Set(
      (
        await tx.query<{ event_id: string }>(
          `INSERT INTO processed_events (consumer, event_id) SELECT $1, id FROM unnest($2::text[]) AS id${held}
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [projection.name, events.map((e) => e.value.event_id)],
        )
      ).rows.map((r) => r.event_id),
    )
    let applied = 0
    const writer = projection.batchWriter?.(tx)
    for (const e of events) {
      // delete: an id twice in one batch (a redelivery) is applied once.
      if (!fresh.delete(e.value.event_id)) continue
      await (writer ? writer.apply(e) : projection.apply(e, tx))
      applied++
    }
    await writer?.flush()
    return applied
  })
}

/** The consumer group a read model's projection runs as: its lag is the read model's. */
const PROJECTION_GROUP = 'fte.projection.'
export const projectionGroup = (name: string) => PROJECTION_GROUP + name
/** The read model a consumer group projects, or null for any other group. */
export const readModelOfGroup = (group: string): string | null => (group.startsWith(PROJECTION_GROUP) ? group.slice(PROJECTION_GROUP.length) : null)

/**
 * How long a projection rests between reads under a steady flow, so a read model may be this
 * much further behind. The status page and the console poll once a second; the decision reads
 * the conversation so far and whether a person owns the ticket, which were already a few
 * milliseconds (and under load seconds) behind the events. In exchange a projection writes
 * about twenty transactions and offset commits a second whatever the rate, rather than one for
 * every few events.
 */
export const PROJECTION_REST_MS = 50

export function runProjection<T extends Topic>(transport: Transport, db: Db, projection: Projection<T>): Promise<Subscription> {
  return transport.subscribe({
    group: projectionGroup(projection.name),
    topics: projection.topics,
    restMs: PROJECTION_REST_MS,
    handle: async (event) => void (await applyOnce(db, projection, event)),
    handleBatch: async (events) => void (await applyBatch(db, projection, events)),
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
