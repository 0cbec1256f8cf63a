import twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient.js'
import type { Config } from '../../platform/config.js'
import type { Queryable } from '../../platform/db.js'
import type { Logger } from '../../platform/log.js'
import { PermanentError } from '../../platform/transport/contract.js'
import type { DeliveryStatus, ReplyRequested } from '../../schemas/index.js'
import type { ChannelSender } from '../../pipelines/dispatch/sender.js'
import { msOf } from '../../platform/time.js'

/** Twilio refuses a WhatsApp body over 1600 characters (error 21617). */
export const WHATSAPP_MAX_CHARS = 1600
/** WhatsApp's customer-service window: free-form replies only within 24 h of the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000
/** Path of the status callback route (gateways/whatsapp); Twilio calls it as each message moves on. */
export const STATUS_CALLBACK_PATH = '/webhooks/whatsapp/status'

// Boundaries to cut a long reply at, best first; each gives the cut index for a match.
const BOUNDARIES: { pattern: RegExp; cutAt: (m: RegExpMatchArray) => number }[] = [
  { pattern: /\n[ \t]*\n/g, cutAt: (m) => m.index! }, // paragraph
  { pattern: /\n/g, cutAt: (m) => m.index! }, // line
  { pattern: /[.!?…]+["'”’)\]]*(?=\s)/g, cutAt: (m) => m.index! + m[0].length }, // sentence end
  { pattern: /\s/g, cutAt: (m) => m.index! }, // word
]

/**
 * Splits a reply into parts of at most `limit` characters (UTF-16 units, which is stricter than
 * Twilio's count, so a part never bounces), in order. Each cut is at the latest paragraph, line,
 * sentence or word boundary that still fills at least half a part (a boundary near the start
 * would leave a stub message); only a single "word" longer than that is cut hard, never inside a
 * surrogate pair. Whitespace at the cuts is dropped: each part reads as a message of its own.
 */
export function splitMessage(text: string, limit = WHATSAPP_MAX_CHARS): string[] {
  if (limit < 2) throw new RangeError('limit must be at least 2')
  const parts: string[] = []
  let rest = text.trim()
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit)
    parts.push(rest.slice(0, cut).trimEnd())
    rest = rest.slice(cut).trimStart()
  }
  if (rest) parts.push(rest)
  return parts
}

function cutPoint(text: string, limit: number): number {
  // One character past the limit, so a boundary right after a full-length part counts.
  const window = text.slice(0, limit + 1)
  const floor = Math.ceil(limit / 2)
  for (const { pattern, cutAt } of BOUNDARIES) {
    let best = -1
    for (const m of window.matchAll(pattern)) {
      const cut = cutAt(m)
      if (cut >= floor && cut <= limit) best = cut
    }
    if (best > 0) return best
  }
  const high = text.charCodeAt(limit - 1)
  return high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit
}

/**
 * Whether a free-form reply may still be sent: the window is open for 24 h after the customer's
 * last message. A timestamp from the future (clock skew between pods) counts as "just now".
 */
export function withinServiceWindow(lastInboundAt: number, now: number): boolean {
  return now - lastInboundAt <= SERVICE_WINDOW_MS
}

/**
 * Errors retrying cannot fix: Twilio's 4xx answers (invalid number 21211, body too long 21617,
 * bad credentials 20003, ...). 429 (rate limited) and 408 are worth another try; so are 5xx and
 * network errors, which carry no HTTP status at all.
 */
export function isPermanentTwilioError(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429
}

/** Twilio message statuses we track as they are; the rest of a just-created message's states read as queued. */
const TRACKED: ReadonlySet<string> = new Set(['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'])
const asDeliveryStatus = (twilioStatus: string | undefined): DeliveryStatus =>
  twilioStatus && TRACKED.has(twilioStatus) ? (twilioStatus as DeliveryStatus) : 'queued'

/**
 * Points the official SDK at another origin (TWILIO_API_BASE_URL: a local stand-in in tests). A
 * custom `httpClient` is the SDK's supported extension point; the request otherwise goes out
 * exactly as it would to Twilio (path, form body, basic auth).
 */
class RedirectingRequestClient extends twilio.RequestClient {
  private readonly base: URL

  constructor(baseUrl: string, timeoutMs: number) {
    super({ timeout: timeoutMs })
    this.base = new URL(baseUrl)
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri)
    const prefix = this.base.pathname.replace(/\/+$/, '')
    const target = new URL(`${prefix}${uri.pathname}${uri.search}`, this.base.origin)
    return super.request<TData>({ ...opts, uri: target.toString() })
  }
}

/**
 * How far before our first attempt a message Twilio lists may be dated and still be that attempt:
 * Twilio's clock and ours differ a little.
 */
const CLOCK_SKEW_MS = 5 * 60 * 1000

/** The latest inbound WhatsApp message of the customer the messages read model knows of. */
async function latestInboundAt(db: Queryable, customerId: string): Promise<number | null> {
  const row = (
    await db.query<{ last: Date | string | null }>(
      `SELECT max(created_at) AS last FROM messages WHERE customer_id = $1 AND channel = 'whatsapp' AND direction = 'inbound'`,
      [customerId],
    )
  ).rows[0]
  if (!row?.last) return null
  return msOf(row.last)
}

/**
 * WhatsApp replies through Twilio's Messages API (official SDK). Outside the 24-hour window
 * nothing is sent (status `needs_template`: a template or a human must take over). Long replies
 * leave as several messages, in order, one API call after the other; every SID is recorded in
 * whatsapp_sends so status callbacks for any part find the reply, and so a retried reply (the
 * dispatcher retries on a thrown error) skips the parts already sent instead of repeating them;
 * a part whose answer never came is looked up first (reconcile).
 */
export function whatsappSender(deps: { config: Config; db: Queryable; log: Logger; now?: () => number }): ChannelSender {
  const { config, db, log } = deps
  const t = config.twilio
  const publicBaseUrl = config.http.publicBaseUrl
  if (!t || !publicBaseUrl) throw new Error('whatsappSender needs the Twilio configuration and PUBLIC_BASE_URL')
  const now = deps.now ?? Date.now
  const client = twilio(t.accountSid, t.authToken, {
    timeout: t.timeoutMs,
    ...(t.apiBaseUrl ? { httpClient: new RedirectingRequestClient(t.apiBaseUrl, t.timeoutMs) } : {}),
  })
  const statusCallback = `${publicBaseUrl}${STATUS_CALLBACK_PATH}`

  const recordPart = (sid: string, reply: ReplyRequested, part: number, parts: number, status: string) =>
    db.query(
      `INSERT INTO whatsapp_sends (provider_message_id, reply_id, ticket_id, part, parts, status) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [sid, reply.reply_id, reply.ticket_id, part, parts, status],
    )
  const recordedParts = async (replyId: string) =>
    new Map(
      (
        await db.query<{ part: number; provider_message_id: string; status: string }>(
          'SELECT part, provider_message_id, status FROM whatsapp_sends WHERE reply_id = $1',
          [replyId],
        )
      ).rows.map((r) => [r.part, r]),
    )

  return {
    channel: 'whatsapp',
    /**
     * The parts Twilio accepted that we have no record of (the call timed out, or we died before
     * writing it) are found in Twilio's list of messages to that number since the first attempt,
     * by their text, and recorded; send() then sends only the parts still missing. A message
     * already recorded for another reply is never taken for this one's.
     */
    async reconcile(reply, since) {
      const parts = splitMessage(reply.content)
      const have = await recordedParts(reply.reply_id)
      const missing = parts.map((body, i) => ({ body, part: i + 1 })).filter((p) => !have.has(p.part))
      if (missing.length) {
        const listed = await client.messages.list({ to: `whatsapp:${reply.recipient}`, from: t.whatsappFrom, limit: 100 })
        const candidates = listed.filter((m) => m.dateCreated && m.dateCreated.getTime() >= since - CLOCK_SKEW_MS)
        const known = new Set(
          candidates.length
            ? (await db.query<{ id: string }>('SELECT provider_message_id AS id FROM whatsapp_sends WHERE provider_message_id = ANY($1)', [candidates.map((m) => m.sid)])).rows.map((r) => r.id)
            : [],
        )
        for (const p of missing) {
          // Oldest first: the earliest unclaimed copy of this text is the attempt's.
          const m = candidates.filter((c) => c.body === p.body && !known.has(c.sid)).at(-1)
          if (!m) continue
          known.add(m.sid)
          await recordPart(m.sid, reply, p.part, parts.length, m.status)
          have.set(p.part, { part: p.part, provider_message_id: m.sid, status: m.status })
        }
        log.info('WhatsApp reply reconciled with Twilio after an attempt of unknown outcome', {
          reply_id: reply.reply_id, ticket_id: reply.ticket_id, parts: parts.length, found: missing.filter((p) => have.has(p.part)).length, missing: missing.filter((p) => !have.has(p.part)).length,
        })
      }
      const first = have.get(1)
      return parts.every((_, i) => have.has(i + 1)) && first ? { status: asDeliveryStatus(first.status), providerMessageId: first.provider_message_id } : null
    },
    async send(reply: ReplyRequested) {
      if (!/^\+[1-9]\d{6,14}$/.test(reply.recipient)) throw new PermanentError(`WhatsApp recipient of customer ${reply.customer_id} is not an E.164 number`)
      const parts = splitMessage(reply.content)
      if (parts.length === 0) throw new PermanentError('WhatsApp reply is empty')

      // The reply's own inbound message may not be projected yet; a later one may be: take the later.
      const lastInbound = Math.max(reply.inbound_occurred_at, (await latestInboundAt(db, reply.customer_id)) ?? 0)
      if (!withinServiceWindow(lastInbound, now())) {
        log.warn('WhatsApp reply held: the 24-hour customer-service window is closed', {
          reply_id: reply.reply_id, ticket_id: reply.ticket_id, last_inbound_at: new Date(lastInbound).toISOString(),
        })
        return { status: 'needs_template', providerMessageId: null }
      }

      const already = await recordedParts(reply.reply_id)
      let first: { sid: string; status: DeliveryStatus } | null = null
      for (const [index, body] of parts.entries()) {
        const part = index + 1
        const done = already.get(part)
        if (done) {
          first ??= { sid: done.provider_message_id, status: asDeliveryStatus(done.status) }
          continue
        }
        let message: { sid: string; status: string }
        try {
          message = await client.messages.create({ from: t.whatsappFrom, to: `whatsapp:${reply.recipient}`, body, statusCallback })
        } catch (err) {
          const e = err as { status?: number; code?: number; message?: string }
          const what = `Twilio did not accept WhatsApp part ${part}/${parts.length} of reply ${reply.reply_id}: ${e.status ? `HTTP ${e.status} ` : ''}${e.code ? `${e.code} ` : ''}${e.message ?? String(err)}`
          if (isPermanentTwilioError(err)) throw new PermanentError(what)
          throw new Error(what, { cause: err })
        }
        // If this write fails after Twilio accepted the part, the retry's reconcile finds the
        // part in Twilio's list instead of sending it again.
        await recordPart(message.sid, reply, part, parts.length, message.status)
        first ??= { sid: message.sid, status: asDeliveryStatus(message.status) }
      }
      log.info('WhatsApp reply sent through Twilio', { reply_id: reply.reply_id, ticket_id: reply.ticket_id, parts: parts.length, sid: first!.sid })
      return { status: first!.status, providerMessageId: first!.sid }
    },
  }
}
