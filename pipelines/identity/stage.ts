import { Topics, type CustomersMerged, type Identifier, type InboundMessage } from '../../schemas/index.js'
import type { Db, Queryable } from '../../platform/db.js'
import { defineStage } from '../../platform/stage.js'
import type { OutgoingEvent } from '../../platform/transport/contract.js'
import { identifierKey, identifiersOf, provenIdentifiers } from '../../platform/identifiers.js'
import { statedIdentifiers } from './statedIdentifiers.js'
import { candidateCustomerId, resolveIdentity, type IdentityFacts } from './resolveIdentity.js'
import { isoAt, msOf } from '../../platform/time.js'

type OwnedRow = { kind: 'email' | 'phone'; value: string; customer_id: string; verified: boolean; first: Date | string }

/** Claimed identifiers grouped by their customer, oldest claim first. */
function ownersOf(rows: OwnedRow[]): IdentityFacts['owners'] {
  const byCustomer = new Map<string, IdentityFacts['owners'][number]>()
  for (const r of rows) {
    const o = byCustomer.get(r.customer_id) ?? { customer_id: r.customer_id, claimed_at: msOf(r.first), kinds: [] }
    o.kinds.push({ kind: r.kind, value: r.value, verified: r.verified })
    byCustomer.set(r.customer_id, o)
  }
  return [...byCustomer.values()].sort((a, b) => a.claimed_at - b.claimed_at || a.customer_id.localeCompare(b.customer_id))
}

/** The claims on identifiers $1 (kinds) and $2 (values), with each owner's first claim. */
const OWNED_SQL = `SELECT c.kind, c.value, c.customer_id, c.verified, min(c2.claimed_at) AS first
   FROM identity_claims c JOIN identity_claims c2 ON c2.customer_id = c.customer_id
  WHERE (c.kind, c.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
  GROUP BY c.kind, c.value, c.customer_id, c.verified`

async function owners(tx: Queryable, ids: Identifier[]): Promise<IdentityFacts['owners']> {
  if (!ids.length) return []
  return ownersOf((await tx.query<OwnedRow>(OWNED_SQL, [ids.map((i) => i.kind), ids.map((i) => i.value)])).rows)
}

/**
 * In one round trip: the events already decided for this message (a redelivery), and the owners
 * of the identifiers its channel gave, which claimGiven needs when it is new.
 */
async function firstLook(tx: Queryable, inbound: InboundMessage): Promise<{ earlier: OutgoingEvent[] | null; given: IdentityFacts['owners'] }> {
  const ids = identifiersOf(inbound.sender)
  const row = (
    await tx.query<{ earlier: unknown; owned: OwnedRow[] | null }>(
      `SELECT (SELECT events FROM stage_outputs WHERE stage = 'identity' AND event_id = $3) AS earlier,
              (SELECT json_agg(o) FROM (${OWNED_SQL}) o) AS owned`,
      [ids.map((i) => i.kind), ids.map((i) => i.value), inbound.event_id],
    )
  ).rows[0]!
  // The second cast: these are the events this stage itself decided and stored as JSON for a redelivery.
  const earlier = row.earlier == null ? null : ((typeof row.earlier === 'string' ? JSON.parse(row.earlier) : row.earlier) as OutgoingEvent[])
  return { earlier, given: ownersOf(row.owned ?? []) }
}

/**
 * The owners of the message's identifiers with every proven link and the conversations of those
 * owners, in one round trip: the stage runs once per message, and three queries in a row were a
 * quarter of its statements.
 */
async function factsAbout(tx: Queryable, ids: Identifier[]): Promise<Pick<IdentityFacts, 'owners' | 'provenLinks' | 'heads'>> {
  if (!ids.length) return { owners: [], provenLinks: {}, heads: [] }
  type Head = Omit<IdentityFacts['heads'][number], 'last_message_at' | 'ticket_closed'> & { last_message_at: string; status: string | null }
  const row = (
    await tx.query<{ owned: OwnedRow[] | null; proven: { customer_id: string; key: string }[] | null; heads: Head[] | null }>(
      `WITH owned AS (
              SELECT c.kind, c.value, c.customer_id, c.verified FROM identity_claims c
               WHERE (c.kind, c.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))),
            firsts AS (
              SELECT customer_id, min(claimed_at) AS first FROM identity_claims
               WHERE customer_id IN (SELECT customer_id FROM owned) GROUP BY customer_id),
            heads AS (
              -- A conversation nothing has proven (web form, unauthenticated email) can never be continued.
              SELECT h.customer_id, h.conversation_id, h.ticket_id, h.thread_id, h.last_message_at, h.opened_by, h.proven_by, t.status
                FROM conversation_heads h LEFT JOIN tickets t ON t.id = h.ticket_id
               WHERE h.customer_id IN (SELECT customer_id FROM owned) AND cardinality(h.proven_by) > 0
               ORDER BY h.last_message_at DESC LIMIT 50)
       SELECT (SELECT json_agg(json_build_object('kind', o.kind, 'value', o.value, 'customer_id', o.customer_id, 'verified', o.verified, 'first', f.first))
                 FROM owned o JOIN firsts f USING (customer_id)) AS owned,
              (SELECT json_agg(json_build_object('customer_id', customer_id, 'key', kind || ':' || value)) FROM identity_claims
                WHERE verified AND customer_id IN (SELECT customer_id FROM owned)) AS proven,
              (SELECT json_agg(heads ORDER BY last_message_at DESC) FROM heads) AS heads`,
      [ids.map((i) => i.kind), ids.map((i) => i.value)],
    )
  ).rows[0]!
  const provenLinks: IdentityFacts['provenLinks'] = {}
  for (const r of row.proven ?? []) (provenLinks[r.customer_id] ??= []).push(r.key)
  return {
    owners: ownersOf(row.owned ?? []),
    provenLinks,
    heads: (row.heads ?? []).map(({ status, ...h }) => ({ ...h, last_message_at: msOf(h.last_message_at), ticket_closed: status === 'resolved' || status === 'closed' })),
  }
}

/** The conversation of the ticket a web-form follow-up names; the gateway checked its link and address. */
async function followedConversation(tx: Queryable, inbound: InboundMessage): Promise<IdentityFacts['followed']> {
  if (inbound.channel !== 'web_form' || !inbound.follow_up_of) return null
  const row = (
    await tx.query<{ customer_id: string; conversation_id: string; ticket_id: string; status: string | null }>(
      `SELECT h.customer_id, h.conversation_id, h.ticket_id, t.status
         FROM conversation_heads h LEFT JOIN tickets t ON t.id = h.ticket_id WHERE h.ticket_id = $1 ORDER BY h.last_message_at DESC LIMIT 1`,
      [inbound.follow_up_of],
    )
  ).rows[0]
  return row ? { customer_id: row.customer_id, conversation_id: row.conversation_id, ticket_id: row.ticket_id, ticket_closed: row.status === 'resolved' || row.status === 'closed' } : null
}

/**
 * Claims the channel-given identifiers before anything is decided, atomically, so that concurrent
 * first messages from one person meet on one customer. A claim is proven only when the channel
 * proved the identifier and the customer is born from it; joining someone by a stated address
 * stays a claim.
 */
async function claimGiven(tx: Queryable, inbound: InboundMessage, known: IdentityFacts['owners']): Promise<boolean> {
  const given = identifiersOf(inbound.sender)
  if (!given[0]) return false
  const candidate = candidateCustomerId(given[0])
  const statedOwner = known.length ? undefined : (await owners(tx, statedIdentifiers(inbound.content)))[0]
  const claimant = known[0]?.customer_id ?? statedOwner?.customer_id ?? candidate
  const proven = new Set(provenIdentifiers(inbound).map(identifierKey))
  const r = await tx.query(
    `INSERT INTO identity_claims (kind, value, customer_id, verified)
     SELECT kind, value, $3::uuid, verified FROM unnest($1::text[], $2::text[], $4::boolean[]) AS g(kind, value, verified)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [given.map((i) => i.kind), given.map((i) => i.value), claimant, given.map((i) => claimant === candidate && proven.has(identifierKey(i)))],
  )
  return r.rows.length > 0 && claimant === candidate
}

/** A person confirmed two customers are one: the survivor owns the identifiers and conversations. */
async function applyMerge(tx: Queryable, m: CustomersMerged) {
  await tx.query('UPDATE identity_claims SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [m.survivor_id, m.merged_ids])
  await tx.query('UPDATE conversation_heads SET customer_id = $1 WHERE customer_id = ANY($2::uuid[])', [m.survivor_id, m.merged_ids])
}

/**
 * Wiring for resolveIdentity, in one transaction: claim the sender's identifiers, gather the facts,
 * decide, record the outcome and the events decided (so a redelivery republishes the same events
 * rather than deciding again on records this message already changed).
 */
export function identityStage(db: Db) {
  return defineStage({
    name: 'identity',
    topics: [Topics.ticketsIncoming, Topics.customersMerged],
    async handle(event) {
      if (event.topic === Topics.customersMerged) {
        const merge = event.value
        await db.transaction((tx) => applyMerge(tx, merge))
        return []
      }
      const inbound = event.value
      return db.transaction(async (tx) => {
        const { earlier, given } = await firstLook(tx, inbound)
        if (earlier) return earlier
        const newCustomer = await claimGiven(tx, inbound, given)
        const facts = await factsAbout(tx, [...identifiersOf(inbound.sender), ...statedIdentifiers(inbound.content)])
        const d = resolveIdentity(inbound, { ...facts, newCustomer, followed: await followedConversation(tx, inbound) }, Date.now())
        const customerId = d.identified.context.customer_id
        const out: OutgoingEvent[] = d.suggestions.map((s) => ({ topic: Topics.customerLinks, key: s.suggestion_id, value: s }))
        if (d.opened) out.push({ topic: Topics.ticketLifecycle, key: d.opened.ticket_id, value: d.opened })
        out.push({ topic: Topics.customersIdentified, key: customerId, value: d.identified })
        // The claims, the conversation's head and the events decided, written in one statement.
        await tx.query(
          `WITH claims AS (
              INSERT INTO identity_claims (kind, value, customer_id)
              SELECT kind, value, $2::uuid FROM unnest($9::text[], $10::text[]) AS c(kind, value) ON CONFLICT DO NOTHING),
            head AS (
              INSERT INTO conversation_heads (conversation_id, customer_id, ticket_id, channel, thread_id, last_message_at, opened_by, proven_by)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
              ON CONFLICT (conversation_id) DO UPDATE SET channel = EXCLUDED.channel, thread_id = COALESCE(EXCLUDED.thread_id, conversation_heads.thread_id),
                last_message_at = GREATEST(conversation_heads.last_message_at, EXCLUDED.last_message_at),
                proven_by = ARRAY(SELECT DISTINCT unnest(conversation_heads.proven_by || EXCLUDED.proven_by) ORDER BY 1))
           INSERT INTO stage_outputs (stage, event_id, events) VALUES ('identity', $11, $12)`,
          [d.identified.context.conversation_id, customerId, d.identified.context.ticket_id, inbound.channel, inbound.thread_id, isoAt(inbound.occurred_at),
            d.identified.is_new_ticket ? inbound.event_id : null, d.provenBy, d.claim.map((i) => i.kind), d.claim.map((i) => i.value),
            inbound.event_id, JSON.stringify(out)],
        )
        return out
      })
    },
  })
}
