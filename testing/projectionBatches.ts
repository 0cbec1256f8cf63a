/**
 * For the specs of a projection's batch writer: the same events, applied one at a time without
 * it and in batches with it, must leave the same rows.
 */
import { before, after } from 'node:test'
import { postgresDb, type Db } from '../platform/db.js'
import { migrate } from '../platform/migrate.js'
import { applyBatch, applyOnce, type Projection } from '../platform/projection.js'
import type { DeliveredEvent } from '../platform/transport/contract.js'
import { freshDatabase } from './stack.js'

export type Event = Pick<DeliveredEvent, 'topic' | 'value'>
export const delivered = (e: Event, offset: number) => ({ partition: 0, offset: String(offset), key: null, headers: {}, ...e }) as DeliveredEvent

/** A seeded shuffle, so that a failing order can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items]
  let s = seed
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * Applies the events in `order` to `single` one by one, without the batch writer (the reference),
 * and to `batched` in batches: the whole lot for an odd seed, cut at random into batches of 1 to
 * 9 for an even one.
 */
export async function applyBothWays(projection: Projection, order: Event[], seed: number, single: Db, batched: Db) {
  const oneByOne = { ...projection, batchWriter: undefined }
  for (const [i, e] of order.entries()) await applyOnce(single, oneByOne, delivered(e, i))
  let i = 0
  while (i < order.length) {
    const size = seed % 2 ? order.length : 1 + Math.floor(shuffled([...Array(9).keys()], seed * 31 + i)[0]!)
    await applyBatch(batched, projection, order.slice(i, i + size).map((e, k) => delivered(e, i + k)))
    i += size
  }
}

/**
 * Two migrated databases on the stack's Postgres for the suite it is called in (made before its
 * tests, dropped after them): `single` for the reference, `batched` for the batch writer.
 * `reset` empties the projection's tables, the `shared` ones it also writes, and its record of
 * the events it applied, in both.
 */
export function bothWaysDatabases(projection: Projection, shared: string[] = []) {
  const made: Awaited<ReturnType<typeof freshDatabase>>[] = []
  const dbs = {} as { single: Db; batched: Db }
  before(async () => {
    for (let i = 0; i < 2; i++) made.push(await freshDatabase())
    dbs.single = postgresDb(made[0]!.url, 2)
    dbs.batched = postgresDb(made[1]!.url, 2)
    await migrate(dbs.single)
    await migrate(dbs.batched)
  })
  after(async () => {
    await dbs.single?.close()
    await dbs.batched?.close()
    for (const d of made) await d.drop()
  })
  const reset = async () => {
    for (const db of [dbs.single, dbs.batched]) {
      await db.query(`TRUNCATE ${[...projection.tables, ...shared].join(', ')}; DELETE FROM processed_events WHERE consumer = '${projection.name}'`)
    }
  }
  return { dbs, reset }
}
