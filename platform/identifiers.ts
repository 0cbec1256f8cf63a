import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { Identifier, InboundMessage, Sender } from '../schemas/index.js'

/** Lower-cased and trimmed; plus-addressing is kept (alice+billing@ stays distinct from alice@). */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase()
  // Printable characters only: control characters (NUL above all) cannot be stored in Postgres text.
  return email.length <= 320 && /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(email) ? email : null
}

/**
 * E.164 via libphonenumber-js: "+44 20 7946 0958", "+1 (415) 555-0100" and Twilio's
 * "whatsapp:+14155550100" all normalise. Numbers must carry their country code (+...): a national
 * number alone is ambiguous, and guessing the country would link strangers.
 */
export function normalizePhone(raw: string): string | null {
  const text = raw.trim().replace(/^whatsapp:/i, '')
  if (!text.startsWith('+')) return null
  const phone = parsePhoneNumberFromString(text)
  // isPossible (length per country), not isValid: number ranges change faster than metadata ships.
  return phone?.isPossible() ? phone.number : null
}

export function identifiersOf(sender: Sender): Identifier[] {
  const out: Identifier[] = []
  const email = sender.email ? normalizeEmail(sender.email) : null
  const phone = sender.phone ? normalizePhone(sender.phone) : null
  if (email) out.push({ kind: 'email', value: email })
  if (phone) out.push({ kind: 'phone', value: phone })
  return out
}

/** One string per identifier ("email:ada@example.com"), as identity compares and stores them. */
export const identifierKey = (i: Identifier) => `${i.kind}:${i.value}`

/**
 * The identifiers the channel itself proved for this message: the WhatsApp number of a
 * Twilio-signed webhook, the Gmail sender whose DKIM or SPF passed. Never a web-form field, whatever
 * the event says, and never an identifier stated in the text.
 */
export function provenIdentifiers(inbound: InboundMessage): Identifier[] {
  if (inbound.channel === 'web_form' || !inbound.sender.verified) return []
  const given = identifiersOf(inbound.sender)
  return given.filter((i) => (inbound.channel === 'email' ? i.kind === 'email' : i.kind === 'phone'))
}
