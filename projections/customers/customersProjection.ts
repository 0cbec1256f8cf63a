import { Topics } from '../../schemas/index.js'
import { defineProjection, unhandledTopic } from '../../platform/projection.js'
import { isoAt } from '../../platform/time.js'
import { identifierKey } from '../../platform/identifiers.js'
import { mergeTargets, survivorOf, survivorSql } from './merges.js'

/**
 * customers, customer_identifiers (each marked verified or claimed), conversations, and the
 * suggested links between customers that a person confirms or dismisses.
 */
export const customersProjection = defineProjection({
  name: 'customers',
  tables: ['customers', 'customer_identifiers', 'customer_merges', 'customer_link_suggestions', 'conversations'],
  topics: [Topics.customersIdentified, Topics.customersMerged, Topics.customerLinks, Topics.agentDecisions],
  async apply(event, tx) {
    switch (event.topic) {
      case Topics.customersMerged: {
        const m = event.value
        const at = isoAt(m.occurred_at)
        const { survivor, merged } = await mergeTargets(tx, m)
        await tx.query(`INSERT INTO customers (id, created_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (id) DO NOTHING`, [survivor, at])
        // History is kept: the merged customer rows stay, pointing at the survivor.
        await tx.query('UPDATE customers SET merged_into = $1, updated_at = $3 WHERE id = ANY($2::uuid[])', [survivor, merged, at])
        await tx.query(
          `UPDATE customers s SET name = COALESCE(s.name, (SELECT name FROM customers m WHERE m.id = ANY($2::uuid[]) AND m.name IS NOT NULL ORDER BY m.created_at LIMIT 1)),
             created_at = LEAST(s.created_at, (SELECT min(created_at) FROM customers m WHERE m.id = ANY($2::uuid[]))) WHERE s.id = $1`,
          [survivor, merged],
        )
        // A person confirmed it: what was proven of either customer is proven of the survivor.
        await tx.query('UPDATE customer_identifiers SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [survivor, merged])
        await tx.query('UPDATE conversations SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [survivor, merged])
        await tx.query('UPDATE customer_link_suggestions SET customer_a = $1 WHERE customer_a = ANY($2::uuid[])', [survivor, merged])
        await tx.query('UPDATE customer_link_suggestions SET customer_b = $1 WHERE customer_b = ANY($2::uuid[])', [survivor, merged])
        await tx.query(
          `UPDATE customer_link_suggestions SET status = 'merged', decided_by = $1, decided_at = $2 WHERE customer_a = customer_b AND status = 'pending'`,
          [m.merged_by, at],
        )
        return
      }
      case Topics.customerLinks: {
        const l = event.value
        const at = isoAt(l.occurred_at)
        if (l.state === 'dismissed') {
          await tx.query(`UPDATE customer_link_suggestions SET status = 'dismissed', decided_by = $2, decided_at = $3 WHERE id = $1 AND status = 'pending'`, [
            l.suggestion_id, l.staff_email, at,
          ])
          return
        }
        const [a, b] = await Promise.all(l.customer_ids.slice(0, 2).map((id) => survivorOf(tx, id)))
        if (!a || !b || a === b) return // already one customer: nothing left to suggest
        // A pair suggested again keeps its first reason and, once decided, its decision.
        await tx.query(
          `INSERT INTO customer_link_suggestions (id, customer_a, customer_b, identifiers, reason, status, suggested_at)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT (id) DO NOTHING`,
          [l.suggestion_id, a, b, JSON.stringify(l.identifiers), l.reason, at],
        )
        return
      }
      case Topics.customersIdentified: {
        const e = event.value
        const { conversation_id, inbound } = e.context
        // An identification projected after a merge it preceded still lands on the survivor
        // (resolved in each statement: no round trip of its own).
        const customer_id = e.context.customer_id
        // Proven once is proven: a later claimed mention of the same identifier does not undo it
        // (and one named twice here is proven if either mention is, as two inserts would leave it).
        const proven = new Set((e.verified_identifiers ?? []).map(identifierKey))
        const ids = new Map<string, { kind: string; value: string; verified: boolean }>()
        for (const id of e.identifiers) {
          const k = identifierKey(id)
          ids.set(k, { kind: id.kind, value: id.value, verified: (ids.get(k)?.verified ?? false) || proven.has(k) })
        }
        // The customer, their identifiers and the conversation in one statement: three tables
        // apart, so no part reads what another writes.
        await tx.query(
          `WITH customer AS (
              INSERT INTO customers (id, name, created_at, updated_at) VALUES (${survivorSql('$1')}, $2, $3, $3)
              ON CONFLICT (id) DO UPDATE SET name = COALESCE(EXCLUDED.name, customers.name), updated_at = GREATEST(customers.updated_at, EXCLUDED.updated_at)),
            identifiers AS (
              INSERT INTO customer_identifiers (kind, value, customer_id, first_seen, verified)
              SELECT kind, value, ${survivorSql('$1')}, $3, verified FROM unnest($6::text[], $7::text[], $8::boolean[]) AS i(kind, value, verified)
              ON CONFLICT (kind, value) DO UPDATE SET verified = customer_identifiers.verified OR
                (EXCLUDED.verified AND customer_identifiers.customer_id = EXCLUDED.customer_id))
           INSERT INTO conversations (id, customer_id, channel, status, started_at, updated_at) VALUES ($4, ${survivorSql('$1')}, $5, 'open', $3, $3)
           ON CONFLICT (id) DO UPDATE SET started_at = LEAST(conversations.started_at, EXCLUDED.started_at)`,
          [customer_id, e.customer_name, isoAt(inbound.occurred_at), conversation_id, inbound.channel,
            [...ids.values()].map((i) => i.kind), [...ids.values()].map((i) => i.value), [...ids.values()].map((i) => i.verified)],
        )
        return
      }
      case Topics.agentDecisions: {
        const d = event.value
        const { conversation_id, inbound } = d.context
        // The decision may be projected before the identification (different topics): upsert.
        await tx.query(
          `INSERT INTO conversations (id, customer_id, channel, status, sentiment, sentiment_samples, started_at, updated_at)
           VALUES ($1, ${survivorSql('$2')}, $3, 'open', $4, 1, $5, $5)
           ON CONFLICT (id) DO UPDATE SET
             sentiment = (COALESCE(conversations.sentiment, 0) * conversations.sentiment_samples + EXCLUDED.sentiment) / (conversations.sentiment_samples + 1),
             sentiment_samples = conversations.sentiment_samples + 1,
             updated_at = GREATEST(conversations.updated_at, EXCLUDED.updated_at)`,
          [conversation_id, d.context.customer_id, inbound.channel, d.sentiment, isoAt(d.occurred_at)],
        )
        return
      }
      default:
        unhandledTopic(event)
    }
  },
})
