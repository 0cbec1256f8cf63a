import type { CustomersMerged } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { isoAt } from '../../platform/time.js'

/** Far more merges than a person makes of one customer; a bound so a bad chain cannot spin. */
const MAX_CHAIN = 20

/** The customer an id stands for now: itself, or the end of its chain of merges. */
export async function survivorOf(tx: Queryable, customerId: string): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT m.survivor_id, c.depth + 1 FROM customer_merges m JOIN chain c ON m.merged_id = c.id WHERE c.depth < ${MAX_CHAIN}
       )
       SELECT id FROM chain ORDER BY depth DESC LIMIT 1`,
      [customerId],
    )
  ).rows[0]
  return row?.id ?? customerId
}

/**
 * Records a merge (idempotently) and returns who the merged customers are now: the survivor, or
 * whoever the survivor itself was merged into by a merge this projection saw first.
 */
export async function recordMerge(tx: Queryable, m: CustomersMerged): Promise<string> {
  for (const id of m.merged_ids) {
    if (id === m.survivor_id) continue
    await tx.query('INSERT INTO customer_merges (merged_id, survivor_id, merged_at) VALUES ($1, $2, $3) ON CONFLICT (merged_id) DO NOTHING', [
      id, m.survivor_id, isoAt(m.occurred_at),
    ])
  }
  return survivorOf(tx, m.survivor_id)
}

/** Every id that now stands for `survivor` (merged in directly or through a chain), itself excluded. */
export async function mergedInto(tx: Queryable, survivor: string): Promise<string[]> {
  const rows = (
    await tx.query<{ id: string }>(
      `WITH RECURSIVE tree(id, depth) AS (
         SELECT merged_id, 1 FROM customer_merges WHERE survivor_id = $1
         UNION ALL
         SELECT m.merged_id, t.depth + 1 FROM customer_merges m JOIN tree t ON m.survivor_id = t.id WHERE t.depth < ${MAX_CHAIN}
       )
       SELECT DISTINCT id FROM tree`,
      [survivor],
    )
  ).rows
  return rows.map((r) => r.id)
}

/** For a projection applying a merge: the survivor, and every id whose rows must now point at it. */
export async function mergeTargets(tx: Queryable, m: CustomersMerged): Promise<{ survivor: string; merged: string[] }> {
  const survivor = await recordMerge(tx, m)
  return { survivor, merged: await mergedInto(tx, survivor) }
}
