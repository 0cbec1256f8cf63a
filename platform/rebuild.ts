import { lockKey, type Db, type Queryable } from './db.js'
import type { Logger } from './log.js'
import { applyOnce, type Projection } from './projection.js'
import type { DeliveredEvent, Transport } from './transport/contract.js'

/** What a rebuild reports as it goes, and once more when it is done. */
export interface RebuildProgress {
  readModel: string
  phase: 'reading the log' | 'replaying' | 'catching up' | 'swapping' | 'done'
  /** Events applied to the new tables so far. */
  done: number
  /** Events the log holds for it: done plus what is still ahead (grows while traffic continues). */
  total: number
  eventsPerSecond: number
  /** null until a rate is known. */
  secondsLeft: number | null
}

export interface RebuildResult {
  readModel: string
  events: number
  seconds: number
  rows: Record<string, number>
}

export class RebuildError extends Error {}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RebuildError(`not a plain table name: ${name}`)
  return `"${name}"`
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Rebuilds one read model from the log: its projection replays every event of its topics, from
 * the first, into a copy of its tables in a schema of their own, while the product keeps
 * serving (and the live projection keeps updating) the current tables. Once the copy has caught
 * up with the log, the swap replaces the current rows with the rebuilt ones in one transaction,
 * so a reader sees the old rows or the new ones, never a mix or nothing.
 *
 * On Postgres the swap takes the projection's lock exclusively (live applies hold it shared,
 * see applyOnce): in-flight applies finish, the next wait, the copy drains what arrived in the
 * meantime, and the rebuilt rows go in with the rebuild's own record of applied events. The
 * live projection then carries on from where it was, skipping what the rebuild already applied.
 * Embedded (PGlite, one process) nothing else can be writing, so the swap just copies.
 */
export async function rebuildReadModel(opts: {
  db: Db
  transport: Transport
  projection: Projection
  log: Logger
  onProgress?: (p: RebuildProgress) => void
  /** How often the group's lag is read (and progress reported). */
  pollMs?: number
  /** The longest the swap may hold live updates back while the copy catches up. */
  holdLimitMs?: number
}): Promise<RebuildResult> {
  const { db, projection } = opts
  if (projection.notRebuilt) throw new RebuildError(`${projection.name} is not rebuilt from the log: ${projection.notRebuilt}`)
  // One rebuild of a read model at a time: a second one waits for the first, instead of
  // dropping its copy half way.
  return db.exclusive(lockKey(`fte.rebuild.${projection.name}`), () => rebuildOnce(opts))
}

async function rebuildOnce(opts: Parameters<typeof rebuildReadModel>[0]): Promise<RebuildResult> {
  const { db, transport, projection, log } = opts
  const started = Date.now()
  const shadow = `fte_rebuild_${projection.name}`
  const live = (await db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s
  const tables = [...projection.tables, 'processed_events']
  const S = ident(shadow)

  // Events the broker already deleted cannot be replayed: the copy would be missing them.
  const trimmed = (await transport.positions(`fte.rebuild.${projection.name}.check`, projection.topics)).filter((p) => p.trimmed)
  if (trimmed.length) {
    throw new RebuildError(
      `the log no longer holds the oldest events of ${[...new Set(trimmed.map((p) => p.topic))].join(', ')} (retention deleted them); a rebuild would lose them, so the current tables were kept`,
    )
  }

  await db.exec(`DROP SCHEMA IF EXISTS ${S} CASCADE; CREATE SCHEMA ${S};`)
  try {
    for (const t of tables) await db.exec(`CREATE TABLE ${S}.${ident(t)} (LIKE ${ident(live)}.${ident(t)} INCLUDING ALL)`)
    // The log as read, before it is applied: see replay() for the order it is applied in.
    await db.exec(`CREATE TABLE ${S}.staged (
      topic text NOT NULL, part int NOT NULL, "offset" bigint NOT NULL, at bigint NOT NULL, event text NOT NULL,
      applied boolean NOT NULL DEFAULT false, PRIMARY KEY (topic, part, "offset"));
      CREATE INDEX ON ${S}.staged (at, topic, part, "offset") WHERE NOT applied;`)
    return await replayAndSwap(opts, { started, live, S })
  } finally {
    // Success or not, the copy goes: it holds every event of the read model, customers' words included.
    await db.exec(`DROP SCHEMA IF EXISTS ${S} CASCADE`).catch((err: Error) => log.warn('could not drop the rebuild copy', { schema: shadow, error: err.message }))
  }
}

async function replayAndSwap(
  opts: Parameters<typeof rebuildReadModel>[0],
  { started, live, S }: { started: number; live: string; S: string },
): Promise<RebuildResult> {
  const { db, transport, projection, log } = opts
  // Unqualified names in the projection resolve to the copy first, then to the live schema (for
  // tables of other read models it may read).
  const onCopy: Pick<Db, 'transaction'> = {
    transaction: (fn) =>
      db.transaction(async (tx) => {
        await tx.query(`SET LOCAL search_path TO ${S}, ${ident(live)}`)
        return fn(tx)
      }),
  }

  const failures: string[] = []
  // Per partition, the latest event time read so far: a partition arrives in log order, so each
  // event's \`at\` is its place in the merged order (see replay()) without sorting anything later.
  const latest = new Map<string, number>()
  const group = `fte.rebuild.${projection.name}.${started}`
  const sub = await transport.subscribe({
    group,
    topics: projection.topics,
    // Never throws, so the transport never dead-letters for a rebuild: a rebuild publishes
    // nothing. An event that cannot be staged stops the swap instead.
    handle: async (event) => {
      const where = `${event.topic}:${event.partition}`
      const at = Math.max(latest.get(where) ?? 0, event.value.occurred_at)
      latest.set(where, at)
      for (let attempt = 1; ; attempt++) {
        try {
          await db.query(
            `INSERT INTO ${S}.staged (topic, part, "offset", at, event) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
            [event.topic, event.partition, event.offset, at, JSON.stringify(event)],
          )
          return
        } catch (err) {
          if (attempt >= 5) {
            failures.push(`${event.topic}@${event.partition}:${event.offset}: could not stage: ${(err as Error).message}`)
            return
          }
          await sleep(100 * 2 ** attempt)
        }
      }
    },
  })
  let stopped = false
  const stop = async () => {
    if (!stopped) await sub.stop()
    stopped = true
  }

  let done = 0
  const unapplied = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${S}.staged WHERE NOT applied`)).rows[0]!.n
  const lag = async () => (await transport.positions(group, projection.topics)).reduce((n, p) => n + p.lag, 0)
  const report = (phase: RebuildProgress['phase'], ahead: number) => {
    const seconds = (Date.now() - started) / 1000
    const rate = seconds > 0 ? done / seconds : 0
    opts.onProgress?.({ readModel: projection.name, phase, done, total: done + ahead, eventsPerSecond: Math.round(rate), secondsLeft: rate > 0 ? Math.ceil(ahead / rate) : null })
  }

  /**
   * Applies everything staged and not yet applied, in the order it happened. Events of one
   * partition keep their log order (the order the live projection and every stage met them in,
   * whatever the producers' clocks said); partitions are merged by event time, each event
   * taking the latest time seen so far in its partition, with the log position breaking ties.
   * A stage's output carries a later time than its input, so causes come before effects.
   */
  const replay = async () => {
    let lastReport = Date.now()
    for (;;) {
      const rows = (
        await db.query<{ topic: string; part: number; offset: string; event: string }>(
          `SELECT topic, part, "offset"::text AS "offset", event FROM ${S}.staged WHERE NOT applied ORDER BY at, topic, part, "offset" LIMIT 500`,
        )
      ).rows
      if (!rows.length) return
      for (const r of rows) {
        await applyWithRetries(JSON.parse(r.event, revive) as DeliveredEvent)
        await db.query(`UPDATE ${S}.staged SET applied = true WHERE topic = $1 AND part = $2 AND "offset" = $3`, [r.topic, r.part, r.offset])
      }
      if (Date.now() - lastReport >= (opts.pollMs ?? 250)) {
        report('replaying', await unapplied())
        lastReport = Date.now()
      }
    }
  }
  const applyWithRetries = async (event: DeliveredEvent) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await applyOnce(onCopy, projection, event, { rebuilding: true })
        done++
        return
      } catch (err) {
        if (attempt >= 5) {
          failures.push(`${event.topic}@${event.partition}:${event.offset}: ${(err as Error).message}`)
          log.error('rebuild could not apply an event', { read_model: projection.name, topic: event.topic, offset: event.offset, error: (err as Error).message })
          done++
          return
        }
        await sleep(100 * 2 ** attempt)
      }
    }
  }
  /**
   * Reads the log into staging until the group has all of it, and only then applies: applying
   * while a slow partition is still being read would put its earlier events after later ones.
   * Repeats until nothing new arrived meanwhile (or the deadline passes).
   */
  const caughtUp = async (phase: RebuildProgress['phase'], deadline = Infinity) => {
    for (;;) {
      const ahead = await lag()
      const pending = await unapplied()
      report(phase, ahead + pending)
      if (ahead === 0 && pending === 0) return
      if (ahead === 0) await replay()
      else if (Date.now() > deadline) {
        throw new RebuildError('the copy did not catch up with the log while live updates were held back; the current tables were kept (try again when traffic is lower)')
      } else await sleep(opts.pollMs ?? 250)
    }
  }
  const failed = () => new RebuildError(`${failures.length} event(s) could not be applied; the current tables were kept:\n  ${failures.slice(0, 10).join('\n  ')}`)

  try {
    await caughtUp('reading the log')
    if (failures.length) throw failed()
    report('swapping', 0)
    // PGlite is one session: the embedded log's poll would queue behind the swap, so stop first.
    if (db.kind === 'pglite') {
      await stop()
      await replay()
    }
    const rows = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('fte.projection.' || $1))`, [projection.name])
        // Live applies are held back now; what reached the log before they stopped is drained into
        // the copy. Not for long: the live read model stands still meanwhile.
        await caughtUp('catching up', Date.now() + (opts.holdLimitMs ?? 30_000))
        await stop()
        await replay()
      }
      if (failures.length) throw failed()
      return swap(tx, live, S, projection)
    })
    report('done', 0)
    return { readModel: projection.name, events: done, seconds: (Date.now() - started) / 1000, rows }
  } finally {
    await stop().catch(() => undefined)
  }
}

/** Buffers (Avro bytes, e.g. a dead letter's original value) survive the staging table's JSON. */
const revive = (_key: string, v: unknown) =>
  v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data) ? Buffer.from((v as { data: number[] }).data) : v

/** The rebuilt rows replace the live ones, table by table, with the rebuild's record of what it applied. */
async function swap(tx: Queryable, live: string, S: string, projection: Projection): Promise<Record<string, number>> {
  const rows: Record<string, number> = {}
  for (const t of projection.tables) {
    // Generated columns (the full-text index) are computed again on insert.
    const cols = (
      await tx.query<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        [live, t],
      )
    ).rows.map((r) => ident(r.c)).join(', ')
    await tx.query(`DELETE FROM ${ident(live)}.${ident(t)}`)
    // A row another projection wrote meanwhile (customer_merges is recorded by several) is the
    // same row the copy has: the first one stays.
    await tx.query(`INSERT INTO ${ident(live)}.${ident(t)} (${cols}) SELECT ${cols} FROM ${S}.${ident(t)} ON CONFLICT DO NOTHING`)
    rows[t] = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(live)}.${ident(t)}`)).rows[0]!.n
  }
  await tx.query(`DELETE FROM ${ident(live)}.processed_events WHERE consumer = $1`, [projection.name])
  await tx.query(`INSERT INTO ${ident(live)}.processed_events SELECT * FROM ${S}.processed_events`)
  return rows
}

/**
 * Per table: the row count and a checksum of its content that does not depend on row order, so
 * two builds of a read model can be compared (the rebuild test; `fte rebuild --verify`).
 */
export async function tableChecksums(db: Queryable, tables: readonly string[]): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {}
  for (const t of tables) {
    const r = (
      await db.query<{ rows: number; md5: string | null }>(
        `SELECT count(*)::int AS rows, md5(COALESCE(string_agg(h, '' ORDER BY h), '')) AS md5 FROM (SELECT md5(x::text) AS h FROM ${ident(t)} x) hashed`,
      )
    ).rows[0]!
    out[t] = { rows: r.rows, md5: r.md5 ?? '' }
  }
  return out
}
