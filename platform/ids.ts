import { createHash, randomBytes, createHmac, timingSafeEqual } from 'node:crypto'
import { NUMBER_ALPHABET } from './ticketNumbers.js'

export { parseTicketNumber } from './ticketNumbers.js'

/**
 * Deterministic ids are what make at-least-once delivery safe: a stage that sees the same input
 * twice produces the same output ids, and every projection ignores an event id it has applied.
 */
const NAMESPACE = Buffer.from('6f1c2b9e4d8a4f3e9b7c5a1d2e3f4a5b', 'hex')

/** RFC 4122 version-5 (SHA-1, name-based) UUID in this product's namespace. */
export function stableId(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u001f')).digest()
  const b = Buffer.from(hash.subarray(0, 16))
  b[6] = (b[6]! & 0x0f) | 0x50
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * Ticket ids handed out by the web form before any projection has seen the ticket. The tag (an
 * HMAC) lets any API pod tell "accepted but not projected yet" from "never existed" without
 * shared state.
 */
export function newTicketId(secret: string): string {
  const nonce = randomBytes(8).toString('hex')
  return `TKT-${nonce}-${ticketTag(secret, nonce)}`
}

/**
 * The ticket id for a submission sent with an Idempotency-Key: the same key with the same
 * request gives the same id (and so the same event ids downstream), so a client's retry lands on
 * the ticket it already made, on any replica, without shared state. The request is part of the
 * derivation, so someone who learns another client's key but not their message gets a ticket of
 * their own, never that one's id.
 */
export function idempotentTicketId(secret: string, key: string, request: string): string {
  const nonce = createHmac('sha256', secret).update(`idempotency\u0000${key}\u0000${request}`).digest('hex').slice(0, 16)
  return `TKT-${nonce}-${ticketTag(secret, nonce)}`
}

export function isIssuedTicketId(secret: string, id: string): boolean {
  const m = /^TKT-([0-9a-f]{16})-([0-9a-f]{8})$/.exec(id)
  if (!m) return false
  const expected = Buffer.from(ticketTag(secret, m[1]!))
  const given = Buffer.from(m[2]!)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

const ticketTag = (secret: string, nonce: string) => createHmac('sha256', secret).update(nonce).digest('hex').slice(0, 8)

/**
 * The ticket number a customer is shown, quotes and types back in: 40 bits of a hash of the id,
 * as `XXXX-XXXX` (see ticketNumbers.ts). The id is the status link's bearer secret; the number is
 * not one (it is in email subjects, and read out on calls), and a hash does not give the id away.
 * Checking a ticket by number needs its address too, and two tickets sharing a number are told
 * apart by it.
 */
export function ticketNumber(ticketId: string): string {
  const hash = createHash('sha256').update('ticket-number\u001f').update(ticketId).digest()
  let bits = hash.readUIntBE(0, 5)
  let out = ''
  for (let i = 0; i < 8; i++) {
    out = NUMBER_ALPHABET[bits % 32]! + out
    bits = Math.floor(bits / 32)
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`
}

/** The article an approved knowledge candidate becomes: derived from the candidate, so approving it twice is one article. */
export const articleIdFor = (candidateId: string) => `kb-ticket-${candidateId.slice(0, 8)}${candidateId.slice(9, 13)}`
