import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { Identifier, Sender } from '../../schemas/index.js'

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

// An address or number counts as the customer's own only with a first-person cue right before it:
// "my email is …", "reach me at …", "my number is …", "I also use …". A bare address in the text
// ("please add bob@corp.com to the board") is someone else's and links nothing.
const STATED_EMAIL = /\b(?:my (?:e-?mail|email address|address|work email|other email) (?:is|was)|(?:reach|contact|email) me (?:at|on)|i (?:also )?use|write to me at|registered (?:with|under))\s*:?\s*([^\s,;<>()]+@[^\s,;<>()]+\.[a-z]{2,})/gi
const STATED_PHONE = /\b(?:my (?:phone|number|mobile|cell|whatsapp)(?: number)? (?:is|was)|(?:call|text|reach) me (?:at|on))\s*:?\s*(\+[\d\s\-().]{8,20}\d)/gi

/** Identifiers the customer states as their own in the message body (see the rule above). */
export function statedIdentifiers(content: string): Identifier[] {
  const out: Identifier[] = []
  for (const m of content.matchAll(STATED_EMAIL)) {
    const email = normalizeEmail(m[1]!.replace(/[.]+$/, ''))
    if (email) out.push({ kind: 'email', value: email })
  }
  for (const m of content.matchAll(STATED_PHONE)) {
    const phone = normalizePhone(m[1]!)
    if (phone) out.push({ kind: 'phone', value: phone })
  }
  return out
}
