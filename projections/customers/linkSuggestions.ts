import type { Identifier } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { isoOf } from '../../platform/time.js'

interface SuggestedCustomer {
  customer_id: string
  name: string | null
  identifiers: { kind: 'email' | 'phone'; value: string; verified: boolean }[]
}

/** Pending suggested links, oldest first, each with both customers as a person needs to judge them. */
export async function pendingSuggestions(db: Queryable) {
  const rows = (
    await db.query<{ id: string; customer_a: string; customer_b: string; identifiers: Identifier[] | string; reason: string; suggested_at: Date | string }>(
      `SELECT id, customer_a, customer_b, identifiers, reason, suggested_at FROM customer_link_suggestions WHERE status = 'pending' ORDER BY suggested_at, id LIMIT 200`,
    )
  ).rows
  const ids = [...new Set(rows.flatMap((r) => [r.customer_a, r.customer_b]))]
  const people = new Map<string, SuggestedCustomer>()
  if (ids.length) {
    const found = (
      await db.query<{ id: string; name: string | null; kind: 'email' | 'phone' | null; value: string | null; verified: boolean | null }>(
        `SELECT c.id, c.name, i.kind, i.value, i.verified FROM customers c LEFT JOIN customer_identifiers i ON i.customer_id = c.id
          WHERE c.id = ANY($1::uuid[]) ORDER BY i.first_seen, i.kind`,
        [ids],
      )
    ).rows
    for (const r of found) {
      const p = people.get(r.id) ?? { customer_id: r.id, name: r.name, identifiers: [] }
      if (r.kind && r.value) p.identifiers.push({ kind: r.kind, value: r.value, verified: Boolean(r.verified) })
      people.set(r.id, p)
    }
  }
  const person = (id: string): SuggestedCustomer => people.get(id) ?? { customer_id: id, name: null, identifiers: [] }
  return rows.map((r) => ({
    suggestion_id: r.id,
    customers: [person(r.customer_a), person(r.customer_b)],
    identifiers: typeof r.identifiers === 'string' ? (JSON.parse(r.identifiers) as Identifier[]) : r.identifiers,
    reason: r.reason,
    suggested_at: isoOf(r.suggested_at),
  }))
}

export async function suggestionById(db: Queryable, id: string) {
  return (
    await db.query<{ customer_a: string; customer_b: string; status: 'pending' | 'merged' | 'dismissed' }>(
      'SELECT customer_a, customer_b, status FROM customer_link_suggestions WHERE id = $1',
      [id],
    )
  ).rows[0] ?? null
}

/** A customer as a merge needs it: whether it exists, who it was merged into, and its identifiers. */
export async function customerForMerge(db: Queryable, id: string) {
  const c = (await db.query<{ merged_into: string | null }>('SELECT merged_into FROM customers WHERE id = $1', [id])).rows[0]
  if (!c) return null
  const identifiers = (await db.query<Identifier>('SELECT kind, value FROM customer_identifiers WHERE customer_id = $1 ORDER BY first_seen, kind', [id])).rows
  return { merged_into: c.merged_into, identifiers }
}
