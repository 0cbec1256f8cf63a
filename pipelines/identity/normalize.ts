import type { Identifier, Sender } from '../../schemas/index.js'

/** Lower-cased and trimmed; plus-addressing is kept (alice+billing@ stays distinct from alice@). */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase()
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null
}

/** E.164: a leading +, then 8-15 digits; spaces, dashes, dots and brackets are dropped. */
export function normalizePhone(raw: string): string | null {
  const phone = raw.trim().replace(/^whatsapp:/i, '').replace(/[\s\-().]/g, '')
  return /^\+[1-9]\d{7,14}$/.test(phone) ? phone : null
}

export function identifiersOf(sender: Sender): Identifier[] {
  const out: Identifier[] = []
  const email = sender.email ? normalizeEmail(sender.email) : null
  const phone = sender.phone ? normalizePhone(sender.phone) : null
  if (email) out.push({ kind: 'email', value: email })
  if (phone) out.push({ kind: 'phone', value: phone })
  return out
}
