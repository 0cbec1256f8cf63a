import { createHash } from 'node:crypto'
import type { DeadLetter } from '../../schemas/index.js'
import { stableId } from '../../platform/ids.js'

export const GATEWAY_GROUP = 'gateway.gmail'
/** Where such a dead letter came from: the webhook, not a topic, so `fte dlq replay` leaves it alone. */
export const PUSH_SOURCE = 'webhook:/webhooks/gmail'

/**
 * A push we acknowledged but could not use, kept whole in the DLQ (and so in `dead_letters`) for
 * a person to look at. It never reached a topic, so there is nothing to replay it to: its source
 * is the webhook, it has no partition (-1) and its "offset" is the Pub/Sub message id. Nothing is
 * lost by that: the mailbox cursor did not move, so the next good push reads the mail it announced. The id derives from the bytes: Pub/Sub redelivering the same push is
 * one dead letter, not many.
 */
export function pushDeadLetter(raw: Buffer, error: string, opts: { pubsubMessageId: string | null; emailAddress: string | null; contentType: string | undefined; now: number }): DeadLetter {
  const digest = createHash('sha256').update(raw).digest('hex')
  return {
    event_id: stableId('dlq', GATEWAY_GROUP, PUSH_SOURCE, digest),
    occurred_at: opts.now,
    source_topic: PUSH_SOURCE,
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
