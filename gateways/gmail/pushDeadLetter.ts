import { createHash } from 'node:crypto'
import { Topics, type DeadLetter } from '../../schemas/index.js'
import { stableId } from '../../platform/ids.js'

export const GATEWAY_GROUP = 'gateway.gmail'

/**
 * A push we acknowledged but could not use, kept whole in the DLQ (and so in `dead_letters`) for
 * a person to look at. It never reached a topic, so it has no partition (-1) and its "offset" is
 * the Pub/Sub message id. The id derives from the bytes: Pub/Sub redelivering the same push is
 * one dead letter, not many.
 */
export function pushDeadLetter(raw: Buffer, error: string, opts: { pubsubMessageId: string | null; emailAddress: string | null; contentType: string | undefined; now: number }): DeadLetter {
  const digest = createHash('sha256').update(raw).digest('hex')
  return {
    event_id: stableId('dlq', GATEWAY_GROUP, Topics.emailInbound, digest),
    occurred_at: opts.now,
    source_topic: Topics.emailInbound,
    source_partition: -1,
    source_offset: `pubsub:${opts.pubsubMessageId ?? 'unknown'}`,
    group_id: GATEWAY_GROUP,
    key: opts.emailAddress,
    error: `malformed Gmail push: ${error}`.slice(0, 4000),
    attempts: 1,
    original_value: raw,
    original_headers: opts.contentType ? { 'content-type': opts.contentType.slice(0, 200) } : {},
  }
}
