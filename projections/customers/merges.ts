import type { CustomersMerged } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { isoAt } from '../../platform/time.js'

/** Far more merges than a person makes of one customer; a bound so a bad chain cannot spin. */
const MAX_CHAIN = 20

/**
 * The customer the id in `param` stands for now, as a scalar SQL expression: itself, the end of
 * its chain of merges, or NULL for NULL. Written into the statement that uses it, so resolving
 * the survivor costs no round trip of its own (one per projected event, the most frequent query
 * of a busy pipeline); the tables resolve as the statement's own do (a rebuild's copy first).
 */
export const survivorSql = (param: string) => `(WITH RECURSIVE chain(id, depth) AS (
    SELECT ${param}::uuid, 0
    UNION ALL
    SELECT m.survivor_id, c.depth + 1 FROM customer_merges m JOIN chain c ON m.merged_id = c.id WHERE c.depth < ${MAX_CHAIN}
  ) SELECT id FROM chain ORDER BY depth DESC LIMIT 1)`

/** The customer an id stands for now, where the caller needs it in hand. */
export async function survivorOf(tx: Queryable, customerId: string): Promise<string> {
  const row = (await tx.query<{ id: string | null }>(`SELECT ${survivorSql('$1')} AS id`, [customerId])).rows[0]
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
