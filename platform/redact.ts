/**
 * Contact details out of text bound for logs: an email address becomes `<email>`, a phone
 * number (E.164, with or without `whatsapp:`) `<phone>`. Logs name customers by their id; a
 * provider's or a library's error message may still quote an address or a number
 * ("The 'To' number whatsapp:+15005550001 is not valid"), so every log line passes through here.
 */
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g
const PHONE = /(?:whatsapp:)?\+\d[\d ().-]{5,18}\d/g

export function redactContacts(text: string): string {
  return text.replace(EMAIL, '<email>').replace(PHONE, '<phone>')
}

/** The same, through every string of a log line's fields (nested objects and arrays too). */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactContacts(value)
  if (depth > 5 || value === null || typeof value !== 'object') return value
  if (value instanceof Error) return redactContacts(value.message)
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactFields(v, depth + 1)]))
}
