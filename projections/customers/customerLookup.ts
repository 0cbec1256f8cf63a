import type { Queryable } from '../../platform/db.js'
import { isoOf } from '../../platform/time.js'

export interface CustomerView {
  customer_id: string
  name: string | null
  created_at: string
  identifiers: { kind: 'email' | 'phone'; value: string; verified: boolean; first_seen: string }[]
  conversations: {
    conversation_id: string
    channel: string
    status: string
    sentiment: number | null
    started_at: string
    tickets: { ticket_id: string; status: string; subject: string | null }[]
  }[]
}

/** A customer found by any identifier, with every identifier and conversation they have. */
export async function customerLookup(db: Queryable, by: { kind: 'email' | 'phone'; value: string }): Promise<CustomerView | null> {
  const c = (
    await db.query<Record<string, unknown>>(
      `SELECT c.* FROM customer_identifiers i JOIN customers c ON c.id = i.customer_id WHERE i.kind = $1 AND i.value = $2`,
      [by.kind, by.value],
    )
  ).rows[0]
  if (!c) return null
  const identifiers = (
    await db.query<Record<string, unknown>>('SELECT kind, value, verified, first_seen FROM customer_identifiers WHERE customer_id = $1 ORDER BY first_seen, kind', [c.id])
  ).rows
  const conversations = (
    await db.query<Record<string, unknown>>('SELECT * FROM conversations WHERE customer_id = $1 ORDER BY started_at DESC', [c.id])
  ).rows
  const tickets = (
    await db.query<Record<string, unknown>>('SELECT id, status, subject, conversation_id FROM tickets WHERE customer_id = $1 ORDER BY created_at DESC', [c.id])
  ).rows
  return {
    customer_id: c.id as string,
    name: (c.name as string) ?? null,
    created_at: isoOf(c.created_at)!,
    identifiers: identifiers.map((i) => ({ kind: i.kind as 'email' | 'phone', value: i.value as string, verified: Boolean(i.verified), first_seen: isoOf(i.first_seen)! })),
    conversations: conversations.map((v) => ({
      conversation_id: v.id as string,
      channel: v.channel as string,
      status: v.status as string,
      sentiment: v.sentiment == null ? null : Number(v.sentiment),
      started_at: isoOf(v.started_at)!,
      tickets: tickets
        .filter((t) => t.conversation_id === v.id)
        .map((t) => ({ ticket_id: t.id as string, status: t.status as string, subject: (t.subject as string) ?? null })),
    })),
  }
}
