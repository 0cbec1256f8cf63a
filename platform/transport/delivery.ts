import { Topics, type Topic, type DeadLetter } from '../../schemas/index.js'
import type { EventCodec } from '../codec.js'
import { stableId } from '../ids.js'
import type { Logger } from '../log.js'
import type { DeliveredEvent, OutgoingEvent } from './contract.js'
import { metrics } from '../metrics.js'

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
  maxAttempts: number
  retryBackoffMs: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const isPermanent = (err: unknown) => typeof err === 'object' && err !== null && (err as { retriable?: unknown }).retriable === false

/**
 * The retry-then-dead-letter rule both transports share. Resolves when the record may be
 * committed: handled, or safely parked in the DLQ. Rejects only if the DLQ publish itself fails,
 * so the record stays uncommitted and is delivered again.
 */
export async function deliver<T extends Topic>(
  record: RawRecord,
  group: string,
  codec: EventCodec,
  handle: (e: DeliveredEvent<T>, publish: (events: OutgoingEvent[]) => Promise<void>) => Promise<void>,
  publish: (events: OutgoingEvent[]) => Promise<void>,
  policy: DeliveryPolicy,
  log: Logger,
): Promise<'handled' | 'dead-lettered'> {
  let attempts = 0
  let failure: unknown
  let event: DeliveredEvent<T> | undefined
  try {
    // The one cast between bytes and types: the codec decoded the value against the schema
    // registered for record.topic, the Avro twin of TopicEvents[record.topic], and the record
    // came from a subscription to topics T.
    event = { ...record, value: await codec.decode(record.topic, record.value) } as DeliveredEvent<T>
  } catch (err) {
    attempts = 1
    failure = err
  }
  while (event && attempts < policy.maxAttempts) {
    attempts++
    const started = process.hrtime.bigint()
    try {
      await handle(event, publish)
      metrics.eventsHandled.inc({ group, topic: record.topic, outcome: 'ok' })
      metrics.handlerSeconds.observe({ group }, Number(process.hrtime.bigint() - started) / 1e9)
      return 'handled'
    } catch (err) {
      failure = err
      metrics.eventsHandled.inc({ group, topic: record.topic, outcome: 'error' })
      if (isPermanent(err)) break
      log.warn('handler failed', { group, topic: record.topic, offset: record.offset, attempt: attempts, error: (err as Error).message })
      if (attempts < policy.maxAttempts) await sleep(policy.retryBackoffMs * 2 ** (attempts - 1))
    }
  }
  const reason = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure)
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
  log.error('event dead-lettered', { group, topic: record.topic, offset: record.offset, attempts, error: reason })
  return 'dead-lettered'
}
