import type { Queryable } from '../../platform/db.js'
import { isoAt } from '../../platform/time.js'

export const EMAIL_COPY_WINDOW_MS = 24 * 60 * 60 * 1000

/** Whether a reply's email copy may go to this address; a retried reply keeps the answer it had. */
export type CopyAllowance = (recipient: string, replyId: string) => Promise<boolean>

/**
 * At most `perDay` copies to one address in 24 hours (FTE_EMAIL_COPY_LIMIT). The web form's
 * address is only claimed, so without a cap the support mailbox would mail anyone a stranger
 * types in, as often as they submit. Pods may race past the cap by a copy or two; that is
 * a bound, not a count.
 */
export function emailCopyAllowance(db: Queryable, perDay: number, now: () => number = Date.now): CopyAllowance {
  return async (recipient, replyId) => {
    const to = recipient.trim().toLowerCase()
    const seen = (await db.query('SELECT 1 FROM email_copies WHERE reply_id = $1', [replyId])).rows.length > 0
    if (seen) return true
    const since = isoAt(now() - EMAIL_COPY_WINDOW_MS)
    const recent = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM email_copies WHERE recipient = $1 AND sent_at > $2', [to, since])).rows[0]?.n ?? 0
    if (recent >= perDay) return false
    await db.query('INSERT INTO email_copies (reply_id, recipient, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [replyId, to, isoAt(now())])
    return true
  }
}
