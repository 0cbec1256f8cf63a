import MailComposer from 'nodemailer/lib/mail-composer'
import type { Config } from '../../platform/config.js'
import type { Logger } from '../../platform/log.js'
import type { ReplyRequested } from '../../schemas/index.js'
import { gmailApi, httpStatusOf, type Gmail } from './gmailApi.js'
import { PermanentError } from '../../platform/transport/contract.js'
import { ticketNumber } from '../../platform/ids.js'
import type { CopyAllowance } from './emailCopies.js'
import type { ChannelSender } from '../../pipelines/dispatch/sender.js'

/** Used when the answered message had no subject (the decision stage adds "Re: " otherwise). */
export const DEFAULT_SUBJECT = 'Re: your message'

/** Gmail answers that retrying will not change: the reply goes to the DLQ at once (PermanentError's marker). */
const NEVER_SUCCEEDS = (status: number | undefined) => status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429

export interface ReplyMime {
  /** Ours, derived from the reply id (replyMessageId), so an attempt that timed out can be found. */
  messageId: string
  from: string
  to: string
  subject: string
  text: string
  /** RFC 822 Message-ID of the answered email; threads the reply in every mail client. */
  inReplyTo: string | null
  /** The answered email's References plus its Message-ID (RFC 5322 §3.6.4). */
  references: string[]
}

/** The RFC 822 reply. Marked Auto-Submitted (RFC 3834) so the customer's auto-responder does not answer it back. */
export async function composeReply(m: ReplyMime): Promise<Buffer> {
  return new MailComposer({
    messageId: m.messageId,
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo, references: m.references.length ? m.references : [m.inReplyTo] } : {}),
    headers: { 'Auto-Submitted': 'auto-replied' },
  })
    .compile()
    .build()
}

/** The Message-ID every attempt at one reply carries: Gmail can be searched for it. */
export const replyMessageId = (replyId: string, mailbox: string) => `<fte-reply-${replyId.replace(/[^A-Za-z0-9._-]/g, '')}@${mailbox.split('@')[1] ?? 'localhost'}>`

/** Message-ID and References of the email a reply answers, read from Gmail (the events carry Gmail's id only). */
async function threadHeaders(api: Gmail, gmailId: string): Promise<{ messageId: string | null; references: string[] } | null> {
  try {
    const res = await api.users.messages.get({ userId: 'me', id: gmailId, format: 'metadata', metadataHeaders: ['Message-ID', 'References'] })
    const header = (name: string) => res.data.payload?.headers?.find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value?.trim() || null
    const messageId = header('Message-ID')
    const references = (header('References') ?? '').split(/\s+/).filter((r) => /^<[^<>\s]+>$/.test(r))
    return { messageId, references: messageId && !references.includes(messageId) ? [...references, messageId] : references }
  } catch (err) {
    if (httpStatusOf(err) === 404) return null // the customer's email was deleted: reply outside the thread
    throw err
  }
}

/**
 * Email replies through the Gmail API (users.messages.send) in the customer's Gmail thread, with
 * In-Reply-To and References naming their email so every client threads it. Throws on failure;
 * errors retrying cannot fix (4xx other than 408/429) carry `retriable = false`.
 */
export function gmailSender({ config, log, api }: { config: Config; log: Logger; api?: () => Promise<Gmail> }): ChannelSender {
  const gmail = config.gmail
  if (!gmail) throw new Error('gmailSender needs the Gmail configuration (GMAIL_* variables)')
  const client = api ?? (() => gmailApi(gmail))
  return {
    channel: 'email',
    /** An attempt that timed out, or whose answer we died before recording, is in the mailbox under its Message-ID. */
    async reconcile(reply) {
      const messageId = replyMessageId(reply.reply_id, gmail.address)
      try {
        const api = await client()
        const found = await api.users.messages.list({ userId: 'me', q: `rfc822msgid:${messageId}`, includeSpamTrash: true, maxResults: 1 })
        const id = found.data.messages?.[0]?.id
        log.info('email reply reconciled with Gmail after an attempt of unknown outcome', { reply_id: reply.reply_id, found: Boolean(id) })
        return id ? { status: 'sent', providerMessageId: id } : null
      } catch (err) {
        const status = httpStatusOf(err)
        if (NEVER_SUCCEEDS(status)) throw new PermanentError(`Gmail refused the search for an earlier attempt (HTTP ${status}): ${(err as Error).message}`.slice(0, 1000))
        throw err
      }
    },
    async send(reply) {
      try {
        const api = await client()
        const original = reply.in_reply_to ? await threadHeaders(api, reply.in_reply_to) : null
        const raw = await composeReply({
          messageId: replyMessageId(reply.reply_id, gmail.address),
          from: gmail.address,
          to: reply.recipient,
          subject: reply.subject ?? DEFAULT_SUBJECT,
          text: reply.content,
          inReplyTo: original?.messageId ?? null,
          references: original?.references ?? [],
        })
        // Gmail files the reply in the thread only when it still has the original (and the subject matches).
        const threadId = original && reply.thread_id ? reply.thread_id : undefined
        const sent = await api.users.messages.send({ userId: 'me', requestBody: { raw: raw.toString('base64url'), threadId } })
        log.info('email reply sent', { reply_id: reply.reply_id, gmail_id: sent.data.id, thread_id: sent.data.threadId })
        return { status: 'sent', providerMessageId: sent.data.id ?? null }
      } catch (err) {
        const status = httpStatusOf(err)
        if (NEVER_SUCCEEDS(status)) throw new PermanentError(`Gmail refused the reply (HTTP ${status}): ${(err as Error).message}`.slice(0, 1000))
        throw err
      }
    },
  }
}

/**
 * The web form's sender, plus a copy of the reply by email to the address the customer gave. The
 * reply is on the status page whatever happens to the copy, so a failed copy is logged, not retried.
 * Copies to one address are capped (see emailCopies.ts): the address on a form is only claimed.
 */
export function webFormWithEmailCopy(
  webForm: ChannelSender,
  email: ChannelSender,
  mayCopy: CopyAllowance,
  log: Logger,
  publicBaseUrl?: string,
): ChannelSender {
  return {
    channel: 'web_form',
    // The status page has the reply whatever happens; the copy is what could reach the customer twice.
    async reconcile(reply, since) {
      if (!reply.recipient_email || !email.reconcile) return null
      const copy = await email.reconcile(emailCopyOf(reply, reply.recipient_email, publicBaseUrl), since).catch(() => null)
      return copy ? webForm.send(reply) : null
    },
    async send(reply) {
      const result = await webForm.send(reply)
      if (reply.recipient_email && !(await mayCopy(reply.recipient_email, reply.reply_id))) {
        log.warn('email copy of a web-form reply not sent: this address had its copies for the day', { reply_id: reply.reply_id, ticket_id: reply.ticket_id })
      } else if (reply.recipient_email) {
        try {
          await email.send(emailCopyOf(reply, reply.recipient_email, publicBaseUrl))
        } catch (err) {
          log.error('email copy of a web-form reply failed; the reply is on the status page', {
            reply_id: reply.reply_id, ticket_id: reply.ticket_id, error: (err as Error).message,
          })
        }
      }
      return result
    },
  }
}

/**
 * The web-form reply as an email: no Gmail thread to join (the form's message ids are ticket ids).
 * It carries the ticket number and the status page's link, so the customer can come back from
 * their inbox. The subject has the number only: the id in the link is the secret that opens the
 * conversation, and subjects show in notifications and mailbox lists.
 */
export function emailCopyOf(reply: ReplyRequested, to: string, publicBaseUrl?: string): ReplyRequested {
  const number = ticketNumber(reply.ticket_id)
  const comeBack = publicBaseUrl
    ? `See this request, and add to it, at ${publicBaseUrl}/support/ticket/${reply.ticket_id}\n(This link opens your conversation: keep it to yourself.)`
    : 'To see this request or add to it, choose "Check a request" on our support page and give this number and your email address.'
  return {
    ...reply,
    channel: 'email',
    recipient: to,
    subject: `${reply.subject ?? DEFAULT_SUBJECT} [Ticket ${number}]`,
    content: `${reply.content}\n\n-- \nTicket ${number}. ${comeBack}`,
    in_reply_to: null,
    thread_id: null,
  }
}
