import { Topics, type InboundMessage } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import type { Stage } from '../../platform/stage.js'
import { identifiersOf } from './normalize.js'
import { resolveIdentity } from './resolveIdentity.js'

export function identityStage(db: Queryable): Stage {
  return {
    name: 'identity',
    topics: [Topics.ticketsIncoming],
    async handle(event) {
      const inbound = event.value as InboundMessage
      const ids = identifiersOf(inbound.sender)
      const known = ids.length
        ? (
            await db.query<{ customer_id: string }>(
              `SELECT customer_id FROM customer_identifiers
                WHERE (kind, value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
                ORDER BY first_seen LIMIT 1`,
              [ids.map((i) => i.kind), ids.map((i) => i.value)],
            )
          ).rows[0]?.customer_id ?? null
        : null
      const { identified, opened } = resolveIdentity(inbound, known, Date.now())
      const key = identified.context.customer_id
      return [
        { topic: Topics.customersIdentified, key, value: identified },
        { topic: Topics.ticketLifecycle, key: identified.context.ticket_id, value: opened },
      ]
    },
  }
}
