import type { Topic, TopicEvents } from '../../schemas/index.js'

/**
 * The one transport contract. Kafka (kafkajs) and the embedded log (a table in the embedded
 * database) both implement it; kafka.int.spec.ts and embedded.int.spec.ts both run the one
 * contract suite, testing/transportContract.ts.
 *
 * Semantics both must give:
 * - publish resolves only once the events are durable (Kafka acks=all; a committed row);
 * - values are Avro, Confluent wire format, against the topic's registered schema;
 * - a subscription is a named consumer group; an event is committed only after the handler
 *   succeeds (at-least-once), so handlers must be idempotent;
 * - a handler failing on a transient fault (faults.ts) is retried with capped backoff until it
 *   passes, its partition waiting; one failing for an unknown reason is retried up to maxAttempts
 *   and a permanent one not at all, then the event goes to fte.dlq with the reason and its
 *   original bytes, and the group moves on;
 * - bytes that cannot be decoded go to fte.dlq at once.
 */
/** An event to publish: the value's type is the one its topic carries (one member per topic). */
export type OutgoingEvent<T extends Topic = Topic> = {
  [K in T]: { topic: K; key: string | null; value: TopicEvents[K]; headers?: Record<string, string> }
}[T]

/** An event as a consumer receives it, typed by topic: switching on `topic` narrows `value`. */
export type DeliveredEvent<T extends Topic = Topic> = {
  [K in T]: { topic: K; partition: number; offset: string; key: string | null; value: TopicEvents[K]; headers: Record<string, string> }
}[T]

export interface SubscribeOptions<T extends Topic = Topic> {
  group: string
  topics: readonly T[]
  /**
   * `publish` is the subscription's own publisher: on Kafka each consumer group gets its own
   * idempotent producer, so groups in one process do not queue behind one another's sends.
   */
  handle(event: DeliveredEvent<T>, publish: (events: OutgoingEvent[]) => Promise<void>): Promise<void>
  /**
   * Optional: several events at once, all or nothing (a projection applies them in one
   * transaction). They may come from several partitions (on Kafka, the batches of one fetch),
   * each partition's in order. When it fails, each event goes to `handle` on its own, so
   * retries and the DLQ stay per event; it must therefore have kept nothing of the batch.
   * A group with a batch handler works one batch at a time in a process (kafka.ts says why).
   */
  handleBatch?(events: DeliveredEvent<T>[], publish: (events: OutgoingEvent[]) => Promise<void>): Promise<void>
  /**
   * Optional, for a group off the customer's reply path: after events have been handled, the
   * next read waits until this many ms after the last one. What arrives meanwhile comes as one
   * bigger batch (one transaction, one commit), at the cost of up to this much staleness. A
   * group that has been idle reads its next event at once.
   */
  restMs?: number
}

export interface Subscription {
  readonly group: string
  readonly topics: readonly Topic[]
  stop(): Promise<void>
}

/** Where a consumer group stands on one partition of a topic. */
export interface PartitionPosition {
  topic: Topic
  partition: number
  /** Events the partition holds (from the oldest kept to the newest). */
  size: number
  /** Of those, the events the group has not finished yet (all of them for a group that never ran). */
  lag: number
  /** Older events were deleted (retention): the partition no longer starts at its first event. */
  trimmed: boolean
}

export interface Transport {
  readonly kind: 'kafka' | 'embedded'
  /** Creates missing topics and registers every topic's schema. */
  prepare(): Promise<void>
  publish(events: OutgoingEvent[]): Promise<void>
  /** Puts bytes back on a topic untouched: how dead letters are replayed. */
  publishRaw(topic: Topic, key: string | null, value: Buffer, headers?: Record<string, string>): Promise<void>
  subscribe<T extends Topic>(options: SubscribeOptions<T>): Promise<Subscription>
  /** The group's position on every partition of the topics: its lag (metrics, the console) and a rebuild's progress. */
  positions(group: string, topics: readonly Topic[]): Promise<PartitionPosition[]>
  /** Resolves when the log (the brokers, or the embedded table) answers now; for GET /ready. */
  probe(): Promise<void>
  close(): Promise<void>
}

/** Thrown by a handler when retrying cannot help (bad data): the event goes to the DLQ at once. */
export class PermanentError extends Error {
  readonly retriable = false
  constructor(message: string) {
    super(message)
    this.name = 'PermanentError'
  }
}
