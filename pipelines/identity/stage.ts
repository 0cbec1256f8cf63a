import { Topics, type Identifier } from '../../schemas/index.js'
import type { Db, Queryable } from '../../platform/db.js'
import { defineStage } from '../../platform/stage.js'
import type { OutgoingEvent } from '../../platform/transport/contract.js'
import { identifiersOf } from '../../platform/identifiers.js'
import { statedIdentifiers } from './statedIdentifiers.js'
import { candidateCustomerId, resolveIdentity, type IdentityFacts } from './resolveIdentity.js'
import { isoAt, msOf } from '../../platform/time.js'

async function owners(tx: Queryable, ids: Identifier[]): Promise<IdentityFacts['owners']> {
  if (!ids.length) return []
  const rows = (
    await tx.query<{ kind: 'email' | 'phone'; value: string; customer_id: string; first: Date | string }>(
      `SELECT c.kind, c.value, c.customer_id, min(c2.claimed_at) AS first
         FROM identity_claims c JOIN identity_claims c2 ON c2.customer_id = c.customer_id
        WHERE (c.kind, c.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
        GROUP BY c.kind, c.value, c.customer_id`,
      [ids.map((i) => i.kind), ids.map((i) => i.value)],
    )
  ).rows
  const byCustomer = new Map<string, { customer_id: string; claimed_at: number; kinds: Identifier[] }>()
  for (const r of rows) {
    const o = byCustomer.get(r.customer_id) ?? { customer_id: r.customer_id, claimed_at: msOf(r.first), kinds: [] }
    o.kinds.push({ kind: r.kind, value: r.value })
    byCustomer.set(r.customer_id, o)
  }
  return [...byCustomer.values()].sort((a, b) => a.claimed_at - b.claimed_at || a.customer_id.localeCompare(b.customer_id))
}

/**
 * Wiring for resolveIdentity, in one transaction: claim the sender's identifiers (atomically, so concurrent first
 * messages from one person meet on one customer), gather the facts, decide, record the outcome and the events decided (so a redelivery republishes
 * the same events rather than deciding again on records this message already changed).
 */
export function identityStage(db: Db) {
  return defineStage({
    name: 'identity',
    topics: [Topics.ticketsIncoming],
    async handle(event) {
      const inbound = event.value
      return db.transaction(async (tx) => {
        const earlier = (
          await tx.query<{ events: unknown }>(`SELECT events FROM stage_outputs WHERE stage = 'identity' AND event_id = $1`, [inbound.event_id])
        ).rows[0]
        // The second cast: these are the events this stage itself decided and stored as JSON for a redelivery.
        if (earlier) return (typeof earlier.events === 'string' ? JSON.parse(earlier.events) : earlier.events) as OutgoingEvent[]
        const given = identifiersOf(inbound.sender)
        const stated = statedIdentifiers(inbound.content)
        let newCustomer = false
        if (given[0]) {
          const candidate = candidateCustomerId(given[0])
          const known = await owners(tx, given)
          // A new sender who states a known customer's email or number is attached to that customer.
          const statedOwner = known.length ? undefined : (await owners(tx, stated))[0]
          const claimant = known[0]?.customer_id ?? statedOwner?.customer_id ?? candidate
          for (const i of given) {
            const r = await tx.query('INSERT INTO identity_claims (kind, value, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [i.kind, i.value, claimant])
            if (r.rows.length && !known.length && !statedOwner) newCustomer = true
          }
        }
        const all = await owners(tx, [...given, ...stated])
        const head = (
          await tx.query<{ conversation_id: string; ticket_id: string; thread_id: string | null; last_message_at: Date | string; status: string | null; opened_by: string | null }>(
            `SELECT h.conversation_id, h.ticket_id, h.thread_id, h.last_message_at, h.opened_by, t.status
               FROM conversation_heads h LEFT JOIN tickets t ON t.id = h.ticket_id
              WHERE h.customer_id = ANY($1::uuid[]) ORDER BY h.last_message_at DESC LIMIT 1`,
            [all.map((o) => o.customer_id)],
          )
        ).rows[0]
        const d = resolveIdentity(
          inbound,
          {
            owners: all,
            newCustomer,
            head: head
              ? { ...head, last_message_at: msOf(head.last_message_at), ticket_closed: head.status === 'resolved' || head.status === 'closed' }
              : null,
          },
          Date.now(),
        )
        const customerId = d.identified.context.customer_id
        for (const i of d.claim) {
          await tx.query('INSERT INTO identity_claims (kind, value, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [i.kind, i.value, customerId])
        }
        if (d.merged) {
          await tx.query('UPDATE identity_claims SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [customerId, d.merged.merged_ids])
          await tx.query('DELETE FROM conversation_heads WHERE customer_id = ANY($1::uuid[])', [d.merged.merged_ids])
        }
        await tx.query(
          `INSERT INTO conversation_heads (customer_id, conversation_id, ticket_id, channel, thread_id, last_message_at, opened_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (customer_id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, ticket_id = EXCLUDED.ticket_id,
             channel = EXCLUDED.channel, thread_id = COALESCE(EXCLUDED.thread_id, conversation_heads.thread_id),
             last_message_at = GREATEST(conversation_heads.last_message_at, EXCLUDED.last_message_at),
             opened_by = CASE WHEN EXCLUDED.conversation_id = conversation_heads.conversation_id THEN conversation_heads.opened_by ELSE EXCLUDED.opened_by END`,
          [customerId, d.identified.context.conversation_id, d.identified.context.ticket_id, inbound.channel, inbound.thread_id, isoAt(inbound.occurred_at),
            d.identified.is_new_ticket ? inbound.event_id : null],
        )
        const { identified, opened, merged } = d
        const out: OutgoingEvent[] = []
        if (merged) out.push({ topic: Topics.customersMerged, key: merged.survivor_id, value: merged })
        if (opened) out.push({ topic: Topics.ticketLifecycle, key: opened.ticket_id, value: opened })
        out.push({ topic: Topics.customersIdentified, key: identified.context.customer_id, value: identified })
        await tx.query(`INSERT INTO stage_outputs (stage, event_id, events) VALUES ('identity', $1, $2)`, [inbound.event_id, JSON.stringify(out)])
        return out
      })
    },
  })
}
