import pg from 'pg'
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { metrics } from './metrics.js'

/**
 * The one database contract: a real Postgres pool in production, PGlite (Postgres in WASM) when embedded.
 * Both speak the same SQL, so projections and queries are written once.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite'
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** Runs fn while holding a database-wide lock, so one process at a time does it (migrations). */
  exclusive<T>(key: number, fn: (conn: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** A database-wide lock key for a name (advisory locks take a number). */
export function lockKey(name: string): number {
  let h = 0
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0
  return h
}

// BIGINT and NUMERIC come back as strings by default; counts and offsets here fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v))

/** More distinct statements than the code has: SQL built from data (it should not be) stays unnamed. */
const MAX_NAMED_STATEMENTS = 2000

/**
 * Names each parameterised statement after its text, so that every connection parses and plans
 * it once and afterwards only binds and executes it. pg sends statements unnamed by default, which
 * Postgres parses and plans anew on every call: under load that was a third of its CPU.
 * Postgres re-plans a named statement by itself when a table it reads changes or the search_path
 * differs (a rebuild writes its copy through one). What it refuses is a statement whose result
 * columns changed under it (a migration added a column to a table read with *): on that error
 * every statement is named afresh, so the retry prepares them again.
 */
export function statementNames() {
  let generation = 0
  const names = new Map<string, string>()
  return {
    config(text: string, values: unknown[] | undefined): pg.QueryConfig {
      if (!values?.length) return { text, values }
      let name = names.get(text)
      if (!name && names.size < MAX_NAMED_STATEMENTS) {
        name = `fte${generation}_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
        names.set(text, name)
      }
      return name ? { name, text, values } : { text, values }
    },
    /** To call with a failed statement's error: forgets every name when Postgres refused a stale plan. */
    check(err: unknown): never {
      if ((err as { code?: string } | null)?.code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message))) {
        generation++
        names.clear()
      }
      throw err
    },
  }
}
type StatementNames = ReturnType<typeof statementNames>

/** A statement on the pool or on one checked-out client, named when statements are prepared. */
function run(on: pg.Pool | pg.PoolClient, named: StatementNames | undefined, sql: string, params: unknown[] | undefined) {
  metrics.dbStatements.inc()
  return named ? on.query(named.config(sql, params)).catch(named.check) : on.query(sql, params)
}

function pgConn(client: pg.PoolClient, named?: StatementNames): Queryable {
  return {
    query: (s, p) => run(client, named, s, p) as never,
    exec: async (script) => void (metrics.dbStatements.inc(), await client.query(script)),
  }
}

export function postgresDb(url: string, max = 10, opts: { preparedStatements?: boolean } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max })
  const named = opts.preparedStatements === false ? undefined : statementNames()
  pool.on('error', () => {
    /* idle client errors surface on the next query; do not crash the process */
  })
  // A checked-out client whose connection drops between two statements emits 'error' with no
  // query to reject; unheard, that is an uncaught exception that kills the process. The next
  // statement on it fails anyway, which is where the caller hears of it.
  const ignore = () => undefined
  const checkOut = async () => {
    const client = await pool.connect()
    client.on('error', ignore)
    return client
  }
  return {
    kind: 'postgres',
    query: async (sql, params) => run(pool, named, sql, params) as never,
    exec: async (script) => void (metrics.dbStatements.inc(), await pool.query(script)),
    async transaction(fn) {
      const client = await checkOut()
      let broken = false
      try {
        metrics.dbStatements.inc()
        await client.query('BEGIN')
        const out = await fn(pgConn(client, named))
        metrics.dbStatements.inc()
        await client.query('COMMIT')
        return out
      } catch (err) {
        // A connection that cannot even roll back is gone (the database went away): destroy it
        // rather than hand it to the next caller.
        metrics.dbStatements.inc()
        broken = !(await client.query('ROLLBACK').then(() => true, () => false))
        throw err
      } finally {
        client.off('error', ignore)
        client.release(broken)
      }
    },
    async exclusive(key, fn) {
      const client = await checkOut()
      try {
        metrics.dbStatements.inc()
        await client.query('SELECT pg_advisory_lock($1)', [key])
        return await fn(pgConn(client, named))
      } finally {
        metrics.dbStatements.inc()
        const unlocked = await client.query('SELECT pg_advisory_unlock($1)', [key]).then(() => true, () => false)
        client.off('error', ignore)
        client.release(!unlocked)
      }
    },
    close: () => pool.end(),
  }
}

export async function pgliteDb(dir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { vector } = await import('@electric-sql/pglite-pgvector')
  if (dir !== 'memory://') mkdirSync(dir, { recursive: true })
  const db = await PGlite.create({ dataDir: dir, extensions: { vector } })
  // PGlite is one session: it already queues statements behind an open transaction, so the
  // isolation that pg gets from separate connections holds here too.
  return {
    kind: 'pglite',
    query: (sql, params) => db.query(sql, params as unknown[]) as never,
    exec: async (script) => void (await db.exec(script)),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({ query: (s, p) => tx.query(s, p as unknown[]) as never, exec: async (script) => void (await tx.exec(script)) }),
      ),
    exclusive: (_key, fn) => fn({ query: (s, p) => db.query(s, p as unknown[]) as never, exec: async (script) => void (await db.exec(script)) }),
    close: () => db.close(),
  }
}
