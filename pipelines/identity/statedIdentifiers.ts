import type { Identifier } from '../../schemas/index.js'
import { normalizeEmail, normalizePhone } from '../../platform/identifiers.js'

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
