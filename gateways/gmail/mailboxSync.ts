import { Topics, type InboundMessage } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import type { Logger } from '../../platform/log.js'
import type { Transport } from '../../platform/transport/contract.js'
import { stableId } from '../../platform/ids.js'
import { normalizeEmail } from '../../platform/identifiers.js'
import { httpStatusOf, type Gmail, type GmailConfig } from './gmailApi.js'
import { senderVerified } from './senderAuthentication.js'
import { readEmail } from './emailContent.js'
import { advanceCursor, readCursor } from './historyCursor.js'
import { gmailMetrics } from './gmailMetrics.js'

/** Not customer mail: our own sends and drafts, and what Gmail already judged spam or binned. */
const SKIP_LABELS = new Set(['SENT', 'DRAFT', 'SPAM', 'TRASH'])
/**
 * Work per push is bounded so a push is answered well within Pub/Sub's acknowledgement deadline:
 * at most historyPagesPerPush pages of history (historyPageSize records each). A longer backlog is
 * read in steps: the push is answered 503, Pub/Sub redelivers it, and reading goes on from the
 * cursor. Exported so tests can make the steps small.
 */
export const SYNC_LIMITS = { historyPageSize: 100, historyPagesPerPush: 5, fetchConcurrency: 4 }
/** What a resync reads when history cannot be: the inbox of the last two days, at most GMAIL_RESYNC_MAX messages. */
export const RESYNC_QUERY = 'in:inbox newer_than:2d'

export interface SyncOutcome {
  mode: 'up_to_date' | 'history' | 'resync'
  published: number
  skipped: number
  /** False when history is left to read (see SYNC_LIMITS): the push should be redelivered. */
  complete: boolean
}

export interface MailboxSyncDeps {
  gmail: GmailConfig
  api: () => Promise<Gmail>
  db: Queryable
  transport: Transport
  log: Logger
}

/**
 * Turns a push ("the mailbox changed, it is now at history id N") into InboundMessage events:
 * read the history since the stored cursor, fetch each added message, publish the customer mail,
 * then move the cursor. When the cursor is too old for Gmail's history (404), or there is none
 * yet, read the recent inbox instead (bounded). Event ids derive from Gmail message ids, so a
 * message read twice is one ticket and one reply downstream.
 */
export function mailboxSync(deps: MailboxSyncDeps) {
  const { gmail, db, transport } = deps
  const log = deps.log.child({ channel: 'email', mailbox: gmail.address })
  // One sync per mailbox at a time in this process: a burst of pushes queues up, and the ones
  // behind usually find the cursor already past their history id. Across processes the cursor
  // rules (GREATEST, advance after publish) keep racing syncs safe.
  let queue: Promise<unknown> = Promise.resolve()

  function onPush(historyId: bigint): Promise<SyncOutcome> {
    const run = queue.catch(() => undefined).then(() => sync(historyId))
    queue = run
    return run
  }

  async function sync(pushed: bigint): Promise<SyncOutcome> {
    const cursor = await readCursor(db, gmail.address)
    // Everything up to the cursor is published already: a duplicate or late push costs one query.
    if (cursor !== null && cursor >= pushed) return { mode: 'up_to_date', published: 0, skipped: 0, complete: true }
    const api = await deps.api()
    // First push ever (no `fte gmail watch` recorded a start): storing the pushed id alone would
    // drop the very message that caused the push, so read the recent inbox once.
    if (cursor === null) return resync(api, pushed, 'no history cursor yet')
    let added: Awaited<ReturnType<typeof addedSince>>
    try {
      added = await addedSince(api, cursor)
    } catch (err) {
      // Gmail keeps about a week of history; an older start id answers 404.
      if (httpStatusOf(err) === 404) return resync(api, pushed, 'history id too old')
      throw err
    }
    const outcome = await ingest(api, added.ids)
    await advanceCursor(db, gmail.address, added.readUpTo)
    if (!added.complete) log.info('history longer than one push reads; continuing on redelivery', { read_up_to: added.readUpTo.toString() })
    return { mode: 'history', ...outcome, complete: added.complete }
  }

  async function addedSince(api: Gmail, start: bigint) {
    const ids: string[] = []
    const seen = new Set<string>()
    let readUpTo = start
    let pageToken: string | undefined
    for (let page = 0; page < SYNC_LIMITS.historyPagesPerPush; page++) {
      const res = await api.users.history.list({ userId: 'me', startHistoryId: start.toString(), historyTypes: ['messageAdded'], maxResults: SYNC_LIMITS.historyPageSize, pageToken })
      for (const record of res.data.history ?? []) {
        for (const { message } of record.messagesAdded ?? []) {
          if (!message?.id || seen.has(message.id)) continue
          seen.add(message.id)
          if (message.labelIds?.some((l) => SKIP_LABELS.has(l))) {
            gmailMetrics.messages.inc({ outcome: 'skipped_label' })
            continue
          }
          ids.push(message.id)
        }
        if (record.id && BigInt(record.id) > readUpTo) readUpTo = BigInt(record.id)
      }
      pageToken = res.data.nextPageToken ?? undefined
      if (!pageToken) {
        // The answer's historyId is the mailbox's current one: all history up to it was listed.
        if (res.data.historyId && BigInt(res.data.historyId) > readUpTo) readUpTo = BigInt(res.data.historyId)
        return { ids, readUpTo, complete: true }
      }
    }
    return { ids, readUpTo, complete: false }
  }

  async function resync(api: Gmail, pushed: bigint, why: string): Promise<SyncOutcome> {
    log.warn('resyncing the recent inbox', { why, query: RESYNC_QUERY, max: gmail.resyncMax })
    const res = await api.users.messages.list({ userId: 'me', q: RESYNC_QUERY, maxResults: gmail.resyncMax })
    const ids = (res.data.messages ?? []).map((m) => m.id).filter((id): id is string => Boolean(id))
    const outcome = await ingest(api, ids.slice(0, gmail.resyncMax))
    // The inbox listing is newer than the push, so it covers every message up to the pushed id.
    await advanceCursor(db, gmail.address, pushed)
    return { mode: 'resync', ...outcome, complete: true }
  }

  async function ingest(api: Gmail, ids: string[]): Promise<Pick<SyncOutcome, 'published' | 'skipped'>> {
    const read = await mapLimit(ids, SYNC_LIMITS.fetchConcurrency, (id) => inboundFor(api, id))
    // Oldest first, so the first message of a conversation opens its ticket.
    const events = read.filter((m): m is InboundMessage => m !== null).sort((a, b) => a.occurred_at - b.occurred_at)
    if (events.length) {
      // Keyed by customer, like the web form: one person's messages stay in order on one partition.
      await transport.publish(events.map((value) => ({ topic: Topics.ticketsIncoming, key: value.sender.email, value })))
      gmailMetrics.messages.inc({ outcome: 'published' }, events.length)
    }
    return { published: events.length, skipped: ids.length - events.length }
  }

  async function inboundFor(api: Gmail, id: string): Promise<InboundMessage | null> {
    const skip = (outcome: string, fields: Record<string, unknown> = {}) => {
      gmailMetrics.messages.inc({ outcome })
      log.info('gmail message skipped', { gmail_id: id, outcome, ...fields })
      return null
    }
    let message
    try {
      message = (await api.users.messages.get({ userId: 'me', id, format: 'raw' })).data
    } catch (err) {
      if (httpStatusOf(err) === 404) return skip('gone') // deleted between the history and now
      throw err
    }
    if (message.labelIds?.some((l) => SKIP_LABELS.has(l))) return skip('skipped_label', { labels: message.labelIds })
    if (!message.raw) return skip('no_content')
    const raw = Buffer.from(message.raw, 'base64url')
    const email = await readEmail(raw)
    const sender = email.from ? normalizeEmail(email.from.email) : null
    if (!sender) return skip('no_sender')
    if (sender === gmail.address) return skip('own_address')
    if (email.automated) return skip('automated', { reason: email.automated })
    if (email.truncated) log.warn('long email truncated', { gmail_id: id })
    return {
      event_id: stableId('inbound', 'email', id),
      occurred_at: Number(message.internalDate) || Date.now(),
      channel: 'email',
      channel_message_id: id,
      ticket_id: null,
      sender: { name: email.from!.name, email: sender, phone: null, verified: senderVerified(raw, sender) },
      subject: email.subject,
      category: null,
      priority: null,
      content: email.content,
      thread_id: message.threadId ?? null,
    }
  }

  return { onPush }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
