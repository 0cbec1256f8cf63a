import { Topics, type Topic, type DeadLetter } from '../../schemas/index.js'
import type { EventCodec } from '../codec.js'
import { stableId } from '../ids.js'
import type { Logger } from '../log.js'
import type { DeliveredEvent, OutgoingEvent } from './contract.js'
import { metrics } from '../metrics.js'
import { backoffMs, classifyFailure } from '../faults.js'
import type { Health } from '../health.js'
import { CORRELATION_HEADER, withCorrelation } from '../correlation.js'

/** One record as either transport reads it, before decoding. */
export interface RawRecord {
  topic: Topic
  partition: number
  offset: string
  key: string | null
  value: Buffer
  headers: Record<string, string>
}

export interface DeliveryPolicy {
  /** Attempts for a failure of unknown kind (a bug, most likely) before it is dead-lettered. */
  maxAttempts: number
  /** The first retry's delay; each further one doubles, up to maxBackoffMs. */
  retryBackoffMs: number
  /** The longest wait between two retries of a transient fault (it is retried for as long as it lasts). */
  maxBackoffMs?: number
}

/** What a transport lends delivery while it holds a record. */
export interface DeliveryHooks {
  /** Keeps the group membership alive through a long wait (Kafka's heartbeat). */
  heartbeat?: () => Promise<void>
  /** Where a partition waiting on a transient fault is reported (GET /ready). */
  health?: Health
  /** Aborted when the subscription stops: a wait is abandoned and the record left uncommitted. */
  signal?: AbortSignal
  /** Stops fetching for the partition while its event waits on a fault; answers the resume. */
  pause?: () => () => void
}

/** Thrown when the subscription stopped while its record waited on a fault: it is not committed. */
export class DeliveryAbandoned extends Error {
  constructor() {
    super('subscription stopped while the event waited on a transient fault; it will be delivered again')
    this.name = 'DeliveryAbandoned'
  }
}

/** Sleeps in short slices, heartbeating, and gives up as soon as the subscription stops. */
async function wait(ms: number, hooks: DeliveryHooks) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (hooks.signal?.aborted) throw new DeliveryAbandoned()
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(1000, until - Date.now()))
      function done() {
        clearTimeout(timer)
        hooks.signal?.removeEventListener('abort', done)
        resolve()
      }
      hooks.signal?.addEventListener('abort', done, { once: true })
    })
    await hooks.heartbeat?.()
  }
  if (hooks.signal?.aborted) throw new DeliveryAbandoned()
}

const DEFAULT_MAX_BACKOFF_MS = 10_000
const hintOf = (err: unknown) => {
  const ms = (err as { retryInMs?: unknown } | null)?.retryInMs
  return typeof ms === 'number' ? ms : undefined
}
const describe = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err))

/**
 * The retry-then-dead-letter rule both transports share (faults.ts says which failure is which).
 * Resolves when the record may be committed: handled, or safely parked in the DLQ.
 * - A transient fault is retried with capped, jittered exponential backoff for as long as it
 *   lasts; meanwhile the partition waits on this record (nothing after it runs) and is reported
 *   as stalled, so the process reads not ready.
 * - A permanent one (and bytes that do not decode) goes to the DLQ at once.
 * - An unknown one is tried maxAttempts times, then dead-lettered.
 * Rejects if the DLQ publish itself fails or the subscription stops mid-wait, so the record
 * stays uncommitted and is delivered again.
 */
export async function deliver<T extends Topic>(
  record: RawRecord,
  group: string,
  codec: EventCodec,
  handle: (e: DeliveredEvent<T>, publish: (events: OutgoingEvent[]) => Promise<void>) => Promise<void>,
  publish: (events: OutgoingEvent[]) => Promise<void>,
  policy: DeliveryPolicy,
  log: Logger,
  hooks: DeliveryHooks = {},
): Promise<'handled' | 'dead-lettered'> {
  let attempts = 0
  let unknownAttempts = 0
  let failure: unknown
  let event: DeliveredEvent<T> | undefined
  let resume: (() => void) | undefined
  const maxBackoff = policy.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS
  /** The partition waits on a transient fault: stop fetching for it, and say so on GET /ready. */
  const stall = (n: number, err: unknown) => {
    metrics.transientRetries.inc({ group })
    resume ??= hooks.pause?.()
    hooks.health?.stalled({ group, topic: record.topic, partition: record.partition, since: Date.now(), attempts: n, error: describe(err).slice(0, 300) })
  }
  try {
    // A registry that cannot be reached is not an undecodable event: it is waited for like any
    // fault. Bytes that do not decode for any other reason go to the DLQ at once.
    for (let n = 1; !event; n++) {
      try {
        // The one cast between bytes and types: the codec decoded the value against the schema
        // registered for record.topic, the Avro twin of TopicEvents[record.topic], and the record
        // came from a subscription to topics T.
        event = { ...record, value: await codec.decode(record.topic, record.value) } as DeliveredEvent<T>
      } catch (err) {
        failure = err
        if (classifyFailure(err) !== 'transient') {
          attempts = 1
          break
        }
        stall(n, err)
        await wait(backoffMs(n, policy.retryBackoffMs, maxBackoff), hooks)
      }
    }
    while (event) {
      attempts++
      const started = process.hrtime.bigint()
      try {
        // Everything the handler logs and publishes carries the message's correlation id; an
        // event from before ids were carried is its own.
        await withCorrelation(record.headers[CORRELATION_HEADER] ?? event.value.event_id ?? `${record.topic}:${record.partition}:${record.offset}`, () => handle(event!, publish))
        const seconds = Number(process.hrtime.bigint() - started) / 1e9
        metrics.eventsHandled.inc({ group, topic: record.topic, outcome: 'ok' })
        metrics.handlerSeconds.observe({ group }, seconds)
        log.debug('event handled', { group, topic: record.topic, partition: record.partition, offset: record.offset, ms: Math.round(seconds * 1000), correlation_id: record.headers[CORRELATION_HEADER] })
        if (attempts > 1) log.info('event handled after retries', { group, topic: record.topic, partition: record.partition, offset: record.offset, attempts })
        return 'handled'
      } catch (err) {
        failure = err
        metrics.eventsHandled.inc({ group, topic: record.topic, outcome: 'error' })
        const kind = classifyFailure(err)
        if (kind === 'permanent') break
        if (kind === 'unknown' && ++unknownAttempts >= policy.maxAttempts) break
        const delay = backoffMs(kind === 'transient' ? attempts : unknownAttempts, policy.retryBackoffMs, maxBackoff, hintOf(err))
        if (kind === 'transient') stall(attempts, err)
        // Said on the first retries and then at powers of two: a long outage is one line a minute, not a flood.
        if (attempts <= 3 || (attempts & (attempts - 1)) === 0) {
          log.warn(kind === 'transient' ? 'transient fault; retrying until it passes' : 'handler failed', {
            group, topic: record.topic, partition: record.partition, offset: record.offset, attempt: attempts, retry_in_ms: delay, error: describe(err),
            correlation_id: record.headers[CORRELATION_HEADER],
          })
        }
        await wait(delay, hooks)
      }
    }
  } finally {
    resume?.()
    hooks.health?.recovered(group, record.topic, record.partition)
  }
  return deadLetter()

  async function deadLetter(): Promise<'dead-lettered'> {
    const reason = describe(failure)
    if (record.topic === Topics.dlq) {
      // A dead letter that cannot be handled stays where it is, on fte.dlq: re-queuing it there would loop.
      log.error('dead letter could not be handled; left on the DLQ topic', { group, offset: record.offset, error: reason })
      return 'dead-lettered'
    }
    const letter: DeadLetter = {
      event_id: stableId('dlq', group, record.topic, String(record.partition), record.offset),
      occurred_at: Date.now(),
      source_topic: record.topic,
      source_partition: record.partition,
      source_offset: record.offset,
      group_id: group,
      key: record.key,
      error: reason.slice(0, 4000),
      attempts,
      original_value: record.value,
      original_headers: record.headers,
    }
    await publish([{ topic: Topics.dlq, key: record.key, value: letter }])
    metrics.deadLetters.inc({ group, topic: record.topic })
    log.error('event dead-lettered', { group, topic: record.topic, offset: record.offset, attempts, error: reason, correlation_id: record.headers[CORRELATION_HEADER] })
    return 'dead-lettered'
  }
}

/**
 * Hands records (of one partition or several, each partition's in order) to a batch handler in
 * one call: a projection applies them in one database transaction. If anything about the batch
 * fails (a record that does not decode, a handler error of any kind), nothing of it was kept, and
 * each record goes through deliver() on its own, with its own partition's hooks, so retries,
 * stalls and the DLQ work per event exactly as ever.
 */
export async function deliverBatch<T extends Topic>(
  records: readonly RawRecord[],
  group: string,
  codec: EventCodec,
  handleBatch: (events: DeliveredEvent<T>[], publish: (events: OutgoingEvent[]) => Promise<void>) => Promise<void>,
  handle: (e: DeliveredEvent<T>, publish: (events: OutgoingEvent[]) => Promise<void>) => Promise<void>,
  publish: (events: OutgoingEvent[]) => Promise<void>,
  policy: DeliveryPolicy,
  log: Logger,
  hooksOf: (record: RawRecord) => DeliveryHooks = () => ({}),
): Promise<void> {
  if (records.length > 1) {
    const started = process.hrtime.bigint()
    try {
      const events: DeliveredEvent<T>[] = []
      // As in deliver(): decoded against the schema registered for the record's own topic.
      for (const r of records) events.push({ ...r, value: await codec.decode(r.topic, r.value) } as DeliveredEvent<T>)
      await handleBatch(events, publish)
      const each = Number(process.hrtime.bigint() - started) / 1e9 / records.length
      for (const r of records) {
        metrics.eventsHandled.inc({ group, topic: r.topic, outcome: 'ok' })
        metrics.handlerSeconds.observe({ group }, each)
      }
      return
    } catch (err) {
      log.debug('batch failed; handling its events one by one', { group, events: records.length, error: describe(err) })
    }
  }
  for (const r of records) await deliver(r, group, codec, handle, publish, policy, log, hooksOf(r))
}
