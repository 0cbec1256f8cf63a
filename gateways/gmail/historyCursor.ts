import type { Queryable } from '../../platform/db.js'

/**
 * How far each mailbox's history has been read (table gmail_sync). The cursor only moves forward
 * (GREATEST), and only after the messages it passes were published: two pushes racing, or a
 * crash between publishing and storing, re-read some history (harmless, ids dedupe downstream)
 * but never skip any.
 */
export async function readCursor(db: Queryable, mailbox: string): Promise<bigint | null> {
  const row = (await db.query<{ history_id: string }>('SELECT history_id::text AS history_id FROM gmail_sync WHERE email_address = $1', [mailbox])).rows[0]
  return row ? BigInt(row.history_id) : null
}

export async function advanceCursor(db: Queryable, mailbox: string, historyId: bigint): Promise<void> {
  await db.query(
    `INSERT INTO gmail_sync (email_address, history_id, updated_at) VALUES ($1, $2::numeric, now())
     ON CONFLICT (email_address) DO UPDATE SET history_id = GREATEST(gmail_sync.history_id, EXCLUDED.history_id), updated_at = now()`,
    [mailbox, historyId.toString()],
  )
}

/**
 * Where reading starts when the mailbox was never read (the history id users.watch answered).
 * Never moves an existing cursor: renewing the watch must not skip history not read yet.
 */
export async function startCursor(db: Queryable, mailbox: string, historyId: bigint): Promise<boolean> {
  const r = await db.query('INSERT INTO gmail_sync (email_address, history_id) VALUES ($1, $2::numeric) ON CONFLICT (email_address) DO NOTHING RETURNING 1', [mailbox, historyId.toString()])
  return r.rows.length > 0
}
