import Postgrator from 'postgrator'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from './db.js'

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations', '*.sql')
// Arbitrary constant: several pods may start at once and only one may migrate.
const MIGRATION_LOCK = 7_331_001

/**
 * Applies every pending migration in db/migrations (postgrator), one process at a time; `to`
 * stops at that version (a migration's spec starts from the schema before it).
 */
export async function migrate(db: Db, opts: { to?: string } = {}): Promise<{ applied: string[] }> {
  return db.exclusive(MIGRATION_LOCK, async (conn) => {
    const postgrator = new Postgrator({
      migrationPattern: MIGRATIONS,
      driver: 'pg',
      schemaTable: 'schema_migrations',
      execQuery: (sql) => conn.query(sql),
      execSqlScript: (script) => conn.exec(script),
    })
    const applied = await postgrator.migrate(opts.to)
    return { applied: applied.map((m) => m.filename) }
  })
}
