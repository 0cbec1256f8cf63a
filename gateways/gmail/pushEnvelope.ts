/**
 * The Pub/Sub push envelope Gmail notifications arrive in:
 *   {"message": {"data": base64(JSON {"emailAddress", "historyId"}), "messageId", "publishTime"}, "subscription"}
 * Pure: decoding never throws, it says what is wrong, so the route can acknowledge and dead-letter.
 */
export interface GmailPush {
  emailAddress: string
  /** Gmail history ids are unsigned 64-bit: kept as a bigint, never as a JS number. */
  historyId: bigint
  pubsubMessageId: string | null
}

export type DecodedPush =
  | { ok: true; push: GmailPush }
  | { ok: false; error: string; pubsubMessageId: string | null; emailAddress: string | null }

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/
const HISTORY_ID = /^[0-9]{1,20}$/
const MAX_HISTORY_ID = 2n ** 64n - 1n

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function decodePushEnvelope(body: unknown, mailbox: string): DecodedPush {
  const message = isObject(body) ? body.message : undefined
  // Pub/Sub sends the id under both spellings.
  const id = isObject(message) ? (message.messageId ?? message.message_id) : undefined
  const pubsubMessageId = typeof id === 'string' ? id.slice(0, 200) : null
  const fail = (error: string, emailAddress: string | null = null): DecodedPush => ({ ok: false, error, pubsubMessageId, emailAddress })
  if (!isObject(body)) return fail('envelope is not a JSON object')
  if (!isObject(message)) return fail('envelope has no "message" object')
  if (typeof message.data !== 'string' || message.data.length === 0) return fail('message.data is missing')
  const data = message.data.replace(/\s+/g, '')
  if (!BASE64.test(data) || data.replace(/=+$/, '').length % 4 === 1) return fail('message.data is not base64')
  let notification: unknown
  try {
    notification = JSON.parse(Buffer.from(data, 'base64').toString('utf8'))
  } catch {
    return fail('message.data is not base64-encoded JSON')
  }
  if (!isObject(notification)) return fail('message.data is not a JSON object')
  const emailAddress = typeof notification.emailAddress === 'string' ? notification.emailAddress.trim().toLowerCase() : null
  if (!emailAddress) return fail('notification has no emailAddress')
  if (emailAddress !== mailbox.toLowerCase()) return fail(`notification is for ${emailAddress.slice(0, 320)}, not this mailbox`, emailAddress.slice(0, 320))
  const raw = notification.historyId
  // Gmail sends a JSON number; a number above 2^53 would already have lost digits, so refuse it.
  const text = typeof raw === 'number' ? (Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : null) : typeof raw === 'string' ? raw : null
  if (text === null || !HISTORY_ID.test(text)) return fail('notification has no valid historyId', emailAddress)
  const historyId = BigInt(text)
  if (historyId > MAX_HISTORY_ID) return fail('notification has no valid historyId', emailAddress)
  return { ok: true, push: { emailAddress, historyId, pubsubMessageId } }
}
