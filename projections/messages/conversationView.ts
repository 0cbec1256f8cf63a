import type { Channel } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import { isoOf } from '../../platform/time.js'
import { MESSAGE_ROW_COLUMNS, messageRow } from './messageRow.js'

/** A conversation's full history, the channel on every message (it may move between channels). */
export async function conversationView(db: Queryable, conversationId: string) {
  const c = (await db.query<Record<string, unknown>>('SELECT * FROM conversations WHERE id = $1', [conversationId])).rows[0]
  if (!c) return null
  const messages = (
    await db.query<Record<string, unknown>>(
      `SELECT ${MESSAGE_ROW_COLUMNS}
         FROM messages m LEFT JOIN message_deliveries d ON d.message_id = m.id
        WHERE m.conversation_id = $1 ORDER BY m.created_at, m.direction`,
      [conversationId],
    )
  ).rows
  return {
    conversation_id: conversationId,
    customer_id: c.customer_id as string,
    started_on: c.channel as Channel,
    sentiment: (c.sentiment as number) ?? null,
    started_at: isoOf(c.started_at),
    messages: messages.map(messageRow),
  }
}
