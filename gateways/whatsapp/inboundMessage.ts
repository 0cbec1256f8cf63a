import type { InboundMessage } from '../../schemas/index.js'
import { stableId } from '../../platform/ids.js'
import { normalizePhone } from '../../platform/identifiers.js'
import { MESSAGE_SID, param, problem, type FormResult, type TwilioParams } from './twilioForm.js'

/** WhatsApp's own limit on a text message; Twilio never sends a longer Body. */
export const MAX_BODY_CHARS = 4096
const MAX_PROFILE_NAME_CHARS = 200
/** WhatsApp allows up to 10 media per message; Twilio reports the count as NumMedia. */
const MAX_MEDIA = 10

/** What we take from Twilio's incoming-message webhook. */
export interface WhatsAppInbound {
  messageSid: string
  /** E.164, without the `whatsapp:` prefix. */
  phone: string
  profileName: string | null
  body: string
  numMedia: number
}

// Postgres text cannot hold NUL; other control characters (but tab and newlines) carry nothing a person typed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

/** Validates the form Twilio posts for an incoming WhatsApp message. Pure. */
export function parseInboundForm(params: TwilioParams): FormResult<WhatsAppInbound> {
  const messageSid = param(params, 'MessageSid')
  if (!messageSid) return problem('MessageSid', 'is required')
  if (!MESSAGE_SID.test(messageSid)) return problem('MessageSid', 'must be a Twilio message SID (SM + 32 hex digits)')

  const from = param(params, 'From') ?? ''
  const phone = /^whatsapp:\+[1-9]\d{6,14}$/.test(from) ? normalizePhone(from) : null
  if (!phone) return problem('From', 'must be a WhatsApp address with an E.164 number (whatsapp:+14155550100)')

  const rawMedia = param(params, 'NumMedia') ?? '0'
  if (!/^\d{1,2}$/.test(rawMedia) || Number(rawMedia) > MAX_MEDIA) return problem('NumMedia', `must be a whole number from 0 to ${MAX_MEDIA}`)

  const body = (param(params, 'Body') ?? '').replace(CONTROL, '')
  // Counted in characters (code points) as WhatsApp does, so emoji are not counted twice.
  if (body.length > MAX_BODY_CHARS && [...body].length > MAX_BODY_CHARS) return problem('Body', `must be at most ${MAX_BODY_CHARS} characters (WhatsApp's own limit)`)

  const name = (param(params, 'ProfileName') ?? '').replace(CONTROL, '').trim().slice(0, MAX_PROFILE_NAME_CHARS)
  return { ok: true, value: { messageSid, phone, profileName: name || null, body, numMedia: Number(rawMedia) } }
}

/**
 * What the customer said, as text the agent can read. A message with media and no caption still
 * needs an answer (or a human), so it is described rather than dropped; so is one with nothing
 * we can show (a location, a sticker without media, a reaction).
 */
export function contentOf(m: Pick<WhatsAppInbound, 'body' | 'numMedia'>): string {
  if (m.body.trim()) return m.body
  if (m.numMedia > 0) return `[customer sent ${m.numMedia} media attachment${m.numMedia === 1 ? '' : 's'}]`
  return '[customer sent a message with no text]'
}

/**
 * The event for one incoming WhatsApp message. Its id derives from the MessageSid, so a webhook
 * Twilio delivers twice is the same event, and every stage and projection ignores the copy.
 */
export function inboundMessageOf(m: WhatsAppInbound, receivedAt: number): InboundMessage {
  return {
    event_id: stableId('inbound', 'whatsapp', m.messageSid),
    occurred_at: receivedAt,
    channel: 'whatsapp',
    channel_message_id: m.messageSid,
    ticket_id: null,
    // Only built from a webhook whose Twilio signature checked out: the number is proven.
    sender: { name: m.profileName, email: null, phone: m.phone, verified: true },
    subject: null,
    category: null,
    priority: null,
    content: contentOf(m),
    thread_id: null,
  }
}
