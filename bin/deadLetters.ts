import type { Runtime } from '../platform/runtime.js'
import { isTopic } from '../schemas/index.js'

export async function listDeadLetters(rt: Runtime) {
  const rows = (
    await rt.db.query<Record<string, unknown>>(
      `SELECT id, source_topic, source_offset, group_id, attempts, error, failed_at, replayed_at FROM dead_letters ORDER BY failed_at`,
    )
  ).rows
  if (!rows.length) console.log('no dead letters')
  for (const r of rows) {
    console.log(`${r.id}  ${r.source_topic}@${r.source_offset}  group=${r.group_id}  attempts=${r.attempts}  ${r.replayed_at ? 'replayed' : 'pending'}\n    ${r.error}`)
  }
}

/**
 * Puts the original bytes back on the source topic. Every consumer of that topic sees the event
 * again; those that had handled it ignore it (idempotent), the one that failed gets another go.
 */
export async function replayDeadLetters(rt: Runtime, which: string) {
  const rows = (
    await rt.db.query<{ id: string; source_topic: string; message_key: string | null; original_value: Uint8Array }>(
      which === '--all'
        ? 'SELECT id, source_topic, message_key, original_value FROM dead_letters WHERE replayed_at IS NULL ORDER BY failed_at'
        : 'SELECT id, source_topic, message_key, original_value FROM dead_letters WHERE id = $1',
      which === '--all' ? [] : [which],
    )
  ).rows
  if (!rows.length) {
    console.log(which === '--all' ? 'nothing to replay' : `no dead letter ${which}`)
    return
  }
  for (const r of rows) {
    if (!isTopic(r.source_topic)) {
      // A Gmail push the webhook could not read, say: it never was an event on a topic.
      console.log(`${r.id} came from ${r.source_topic}, not from a topic: kept for inspection, nothing to replay it to`)
      continue
    }
    await rt.transport.publishRaw(r.source_topic, r.message_key, Buffer.from(r.original_value), { 'x-fte-replayed-from': r.id })
    await rt.db.query('UPDATE dead_letters SET replayed_at = now() WHERE id = $1', [r.id])
    console.log(`replayed ${r.id} to ${r.source_topic}`)
  }
}
