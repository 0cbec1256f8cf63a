import type { Channel } from '../../schemas/index.js'
import { isoOf } from '../../platform/time.js'

/** A messages row (joined with its delivery state) as the staff views show it. */
export const messageRow = (m: Record<string, unknown>) => ({
  ticket_id: m.ticket_id as string,
  direction: m.direction as 'inbound' | 'outbound',
  role: m.role as 'customer' | 'agent' | 'human',
  author: (m.author as string) ?? null,
  channel: m.channel as Channel,
  content: m.content as string,
  sentiment: (m.sentiment as number) ?? null,
  created_at: isoOf(m.created_at),
  delivery_status: (m.delivery_status as string) ?? null,
  delivery_error: (m.delivery_error as string) ?? null,
})
