import type { Channel } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'

/**
 * The last ten messages of a conversation (any channel), oldest first, leaving out the one being
 * answered: what the agent "remembers" when it writes a reply.
 */
export function conversationHistory(db: Queryable) {
  return async (conversationId: string, currentMessageId: string) => {
    const rows = (
      await db.query<{ direction: 'inbound' | 'outbound'; channel: Channel; content: string }>(
        `SELECT direction, channel, content FROM messages WHERE conversation_id = $1 AND id <> $2 ORDER BY created_at DESC LIMIT 10`,
        [conversationId, currentMessageId],
      )
    ).rows
    return rows.reverse()
  }
}
